import ArgumentParser

/// A size given on the command line: a number of bytes, or one with a unit
/// (`K`, `M`, `G`, `T`, powers of 1,024, with or without a trailing `B`/`iB`).
struct ByteSize: ExpressibleByArgument, Equatable {
    let bytes: Int

    init(bytes: Int) { self.bytes = bytes }

    init?(argument: String) {
        var text = argument.trimmingPrefix(" ").uppercased()
        for suffix in ["IB", "B"] where text.hasSuffix(suffix) && text.count > suffix.count {
            text.removeLast(suffix.count)
            break
        }
        let units: [Character: Int] = ["K": 10, "M": 20, "G": 30, "T": 40]
        var shift = 0
        if let last = text.last, let bits = units[last] {
            shift = bits
            text.removeLast()
        }
        guard let value = Double(text), value.isFinite, value >= 0 else { return nil }
        let bytes = value * Double(1 << shift)
        guard bytes < Double(Int.max / 2) else { return nil }
        self.bytes = Int(bytes)
    }

    var defaultValueDescription: String {
        bytes % (1 << 20) == 0 ? "\(bytes >> 20)M" : "\(bytes)"
    }
}
