extension Array where Element == UInt64 {
    /// Sorts ascending with a least-significant-digit radix sort, 8 bits a
    /// pass, skipping passes where every value has the same digit. Several
    /// times faster than `sort()` on the hash arrays of this package.
    mutating func radixSort() {
        guard count > 64 else { return sort() }
        var scratch = [UInt64](repeating: 0, count: count)
        var counts = [Int](repeating: 0, count: 8 * 256)
        withUnsafeMutableBufferPointer { a in
            // One read for all eight histograms.
            counts.withUnsafeMutableBufferPointer { c in
                for x in a {
                    for d in 0 ..< 8 { c[d * 256 + Int(truncatingIfNeeded: x >> (8 * UInt64(d))) & 0xFF] += 1 }
                }
            }
            scratch.withUnsafeMutableBufferPointer { b in
                var src = a, dst = b
                var inScratch = false
                for d in 0 ..< 8 {
                    let shift = UInt64(8 * d)
                    let histogram = counts[(d * 256) ..< (d * 256 + 256)]
                    if histogram.contains(a.count) { continue }  // one digit value: nothing moves
                    var offsets = [Int](repeating: 0, count: 256)
                    var sum = 0
                    for (v, n) in histogram.enumerated() {
                        offsets[v] = sum
                        sum += n
                    }
                    for x in src {
                        let v = Int(truncatingIfNeeded: x >> shift) & 0xFF
                        dst[offsets[v]] = x
                        offsets[v] += 1
                    }
                    swap(&src, &dst)
                    inScratch.toggle()
                }
                if inScratch { _ = a.update(fromContentsOf: b) }
            }
        }
    }

    /// Sorts values spread evenly over the 64 bits (hashes) in about three
    /// passes: each value goes to a bucket by its top bits, with about as many
    /// buckets as values, and an insertion sort puts right the few values out
    /// of order within a bucket. Values that bunch up (not hashes) make the
    /// insertion sort slow; past a bound on its moves it gives way to ``radixSort()``.
    mutating func sortHashes() {
        let n = count
        guard n > 64 else { return sort() }
        let bits = Swift.min(20, Int.bitWidth - (n - 1).leadingZeroBitCount)  // 2^bits >= n, up to a million buckets
        let shift = UInt64(64 - bits)
        var starts = [Int32](repeating: 0, count: (1 << bits) + 1)
        var sorted = n == 0 ? [] : [UInt64](unsafeUninitializedCapacity: n) { out, initialized in
            withUnsafeBufferPointer { a in
                starts.withUnsafeMutableBufferPointer { s in
                    for x in a { s[Int(truncatingIfNeeded: x >> shift) + 1] += 1 }
                    for b in 1 ..< s.count { s[b] += s[b - 1] }
                    for x in a {
                        let b = Int(truncatingIfNeeded: x >> shift)
                        out[Int(s[b])] = x
                        s[b] += 1
                    }
                }
            }
            initialized = n
        }
        var moves = 0
        let bound = 8 * n
        let done = sorted.withUnsafeMutableBufferPointer { a in
            for i in 1 ..< n {
                let x = a[i]
                var j = i
                while j > 0 && a[j - 1] > x {
                    a[j] = a[j - 1]
                    j -= 1
                }
                a[j] = x
                moves += i - j
                if moves > bound { return false }
            }
            return true
        }
        if done { self = sorted } else { radixSort() }
    }

    /// Sorts and drops repeated values. `hashes`: the values are evenly
    /// spread, and ``sortHashes()`` sorts them.
    mutating func sortAndRemoveDuplicates(hashes: Bool = false) {
        if hashes { sortHashes() } else { radixSort() }
        var unique = 0
        withUnsafeMutableBufferPointer { a in
            for i in 0 ..< a.count where i == 0 || a[i] != a[i - 1] {
                a[unique] = a[i]
                unique += 1
            }
        }
        removeLast(count - unique)
    }
}
