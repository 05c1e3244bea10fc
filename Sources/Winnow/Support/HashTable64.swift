/// An open-addressing hash table keyed by 64-bit hashes (XXH3 values), for
/// the hot paths where `Dictionary` spends its time in SipHash.
///
/// Keys are already uniformly distributed, so the slot is read straight off
/// the key's high bits; collisions probe linearly. Key 0 lives in a slot of
/// its own.
///
/// Values are plain data: a slot's value is read only when its key is set, so
/// the values are left uninitialised until then (an optional per slot would
/// take twice the room of an `Int32`).
struct HashTable64<Value: BitwiseCopyable> {
    private var keys: [UInt64]
    private var values: [Value]
    private var zeroValue: Value?
    private var shift: UInt64
    private var mask: Int
    private(set) var count = 0

    /// A table with room for `capacity` keys at most half full, or, when
    /// `dense`, at most three quarters (the most it takes before it grows):
    /// half the memory, for slightly longer probes.
    init(capacity: Int = 16, dense: Bool = false) {
        var size = 16
        while dense ? size * 3 < capacity * 4 : size < capacity * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        values = Array(unsafeUninitializedCapacity: size) { _, initialized in initialized = size }
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    private func slot(_ key: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: key >> shift) & mask
        while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
        return i
    }

    subscript(key: UInt64) -> Value? {
        if key == 0 { return zeroValue }
        let i = slot(key)
        return keys[i] == key ? values[i] : nil
    }

    /// Updates the value under `key`, starting from `initial` when there is none.
    mutating func update(_ key: UInt64, initial: @autoclosure () -> Value, _ body: (inout Value) -> Void) {
        if key == 0 {
            if zeroValue == nil { zeroValue = initial(); count += 1 }
            body(&zeroValue!)
            return
        }
        var i = slot(key)
        if keys[i] == 0 {
            if (count + 1) * 4 > keys.count * 3 {
                grow()
                i = slot(key)
            }
            keys[i] = key
            values[i] = initial()
            count += 1
        }
        body(&values[i])
    }

    /// Updates the value under `key` if there is one; returns whether there was.
    @discardableResult
    mutating func modifyExisting(_ key: UInt64, _ body: (inout Value) -> Void) -> Bool {
        if key == 0 {
            guard zeroValue != nil else { return false }
            body(&zeroValue!)
            return true
        }
        let i = slot(key)
        guard keys[i] == key else { return false }
        body(&values[i])
        return true
    }

    /// Sets the value under `key`.
    mutating func set(_ key: UInt64, _ value: Value) { update(key, initial: value) { $0 = value } }

    /// Makes room for `capacity` keys in all (see ``init(capacity:dense:)``).
    mutating func reserve(_ capacity: Int, dense: Bool = false) {
        if capacity * 4 > keys.count * 3 { rehash(capacity: capacity, dense: dense) }
    }

    private mutating func grow() { rehash(capacity: keys.count) }

    private mutating func rehash(capacity: Int, dense: Bool = false) {
        var bigger = HashTable64(capacity: capacity, dense: dense)
        for i in keys.indices where keys[i] != 0 { bigger.set(keys[i], values[i]) }
        if let zeroValue { bigger.set(0, zeroValue) }
        self = bigger
    }
}

/// Values grouped by 64-bit key in one flat array, each group in the order its
/// values were added, and the groups numbered in the order their keys were
/// first seen: a multimap with two allocations instead of one array per key.
/// Built once, then read by group number. (The hash table that groups the
/// values is let go once they are grouped: a caller keeps each item's group
/// number if it needs it, and the tables of a dump's block index took 12 MB.)
struct GroupedByKey<Value> {
    /// Each group's key, in the order the groups were first seen.
    private let keys: [UInt64]
    private let starts: [Int32]
    private let values: [Value]

    /// Groups `items`; within a group, values keep their order in `items`.
    init<S: Sequence>(_ items: S) where S.Element == (UInt64, Value) {
        self.init(parts: [Array(items)])
    }

    /// Groups the items of `parts` as if they were joined, in order (without
    /// joining them: a dump's block index would hold its items twice).
    init(parts: [[(UInt64, Value)]]) {
        let total = parts.reduce(0) { $0 + $1.count }
        var groups = HashTable64<Int32>(capacity: total / 2)
        var groupOf = [Int32](repeating: 0, count: total)
        var keys: [UInt64] = []
        var counts: [Int32] = []
        keys.reserveCapacity(total)  // at most one group per item; growing by doubling cost more
        counts.reserveCapacity(total)
        var n = 0
        for part in parts {
            for item in part {
                let next = Int32(counts.count)
                var group: Int32 = 0
                groups.update(item.0, initial: next) { group = $0 }
                if group == next {
                    keys.append(item.0)
                    counts.append(0)
                }
                counts[Int(group)] += 1
                groupOf[n] = group
                n += 1
            }
        }
        self.keys = keys
        var starts = [Int32](repeating: 0, count: counts.count + 1)
        for g in counts.indices { starts[g + 1] = starts[g] + counts[g] }
        self.starts = starts
        var fill = starts
        values = total == 0 ? [] : [Value](unsafeUninitializedCapacity: total) { buffer, initialized in
            var n = 0
            for part in parts {
                for item in part {
                    let g = Int(groupOf[n])
                    (buffer.baseAddress! + Int(fill[g])).initialize(to: item.1)
                    fill[g] += 1
                    n += 1
                }
            }
            initialized = total
        }
    }

    /// The values of group `g` (numbered from 0 in the order the groups
    /// were first seen), in the order they were added.
    func values(ofGroup g: Int) -> ArraySlice<Value> { values[Int(starts[g]) ..< Int(starts[g + 1])] }

    /// The number of distinct keys.
    var keyCount: Int { keys.count }

    /// The number of values in all groups.
    var valueCount: Int { values.count }

    /// Each key with its values, in the order the keys were first seen.
    var allGroups: some Sequence<(key: UInt64, values: ArraySlice<Value>)> {
        keys.indices.lazy.map { g in (keys[g], values(ofGroup: g)) }
    }
}

extension HashTable64: Sendable where Value: Sendable {}
extension GroupedByKey: Sendable where Value: Sendable {}
