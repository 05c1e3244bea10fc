import Dispatch
import Foundation
import Synchronization

/// Counts the work of a long run and shows it on one line of standard error
/// (or another descriptor): the stage, items done of all, MB/s and the time
/// left. The line is redrawn a few times a second from a timer, so the
/// workers only bump atomic counters.
package final class ProgressMeter: Sendable {
    private struct Stage {
        var name = ""
        var unit = ""
        var total = 0
        var totalBytes = 0
        var started = ContinuousClock.now
    }

    private let descriptor: Int32
    private let done = Atomic<Int>(0)
    private let bytes = Atomic<Int>(0)
    private let stage = Mutex(Stage())
    private nonisolated(unsafe) let timer: any DispatchSourceTimer  // only schedule, resume and cancel, which are thread-safe
    private let lastLength = Mutex(0)
    private let interval: Double
    private let queue = DispatchQueue(label: "winnow.progress")

    /// A meter drawing on standard error if it is a terminal; nil otherwise.
    public static func forTerminal() -> ProgressMeter? {
        isatty(STDERR_FILENO) == 1 ? ProgressMeter(descriptor: STDERR_FILENO) : nil
    }

    /// A meter drawing on `descriptor` every `interval` seconds.
    public init(descriptor: Int32, interval: Double = 0.25) {
        self.descriptor = descriptor
        self.interval = interval
        timer = DispatchSource.makeTimerSource(queue: queue)
        timer.schedule(deadline: .now() + interval, repeating: interval)
        timer.setEventHandler { [weak self] in self?.draw() }
        timer.resume()
    }

    deinit { timer.cancel() }

    /// Starts a stage of `total` items (0 if unknown), holding `totalBytes` bytes in all (0 if none).
    func begin(_ name: String, total: Int = 0, unit: String = "", totalBytes: Int = 0) {
        done.store(0, ordering: .relaxed)
        bytes.store(0, ordering: .relaxed)
        stage.withLock { $0 = Stage(name: name, unit: unit, total: total, totalBytes: totalBytes) }
        timer.schedule(deadline: .now(), repeating: interval)  // show the new stage at once
    }

    /// Counts `items` more items done, and `bytes` more bytes.
    func advance(_ items: Int = 1, bytes more: Int = 0) {
        done.add(items, ordering: .relaxed)
        if more > 0 { bytes.add(more, ordering: .relaxed) }
    }

    /// The line as it would be drawn now.
    public var line: String {
        let s = stage.withLock { $0 }
        guard !s.name.isEmpty else { return "" }
        let items = done.load(ordering: .relaxed)
        let byteCount = bytes.load(ordering: .relaxed)
        let elapsed = (ContinuousClock.now - s.started) / .seconds(1)
        var parts: [String] = []
        if s.total > 0 {
            parts.append("\(Self.grouped(items)) of \(Self.grouped(s.total)) \(s.unit)")
        } else if items > 0 {
            parts.append("\(Self.grouped(items)) \(s.unit)")
        } else {
            parts.append("…")
        }
        if s.totalBytes > 0 {
            parts.append("\(byteCount / 1_000_000) of \(s.totalBytes / 1_000_000) MB")
            if elapsed > 0.2 { parts.append(String(format: "%.0f MB/s", Double(byteCount) / 1e6 / elapsed)) }
        }
        // Time left from the share done so far: bytes if known, else items.
        let share = s.totalBytes > 0 ? Double(byteCount) / Double(s.totalBytes)
            : s.total > 0 ? Double(items) / Double(s.total) : 0
        if share > 0.02 && share < 1 && elapsed > 0.5 {
            parts.append("\(Self.duration(elapsed * (1 - share) / share)) left")
        }
        return "\(s.name): " + parts.joined(separator: ", ")
    }

    /// Stops drawing and clears the line.
    public func finish() {
        timer.cancel()
        queue.sync {}  // let a drawing in progress end first
        let length = lastLength.withLock { $0 }
        if length > 0 { put("\r" + String(repeating: " ", count: length) + "\r") }
    }

    private func draw() {
        let text = line
        guard !text.isEmpty else { return }
        let previous = lastLength.withLock { old in
            defer { old = text.count }
            return old
        }
        put("\r" + text + String(repeating: " ", count: max(0, previous - text.count)))
    }

    private func put(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(descriptor, $0.baseAddress, $0.count) }
    }

    static func grouped(_ n: Int) -> String {
        let digits = Array(String(n))
        var out = ""
        for (i, d) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(d)
        }
        return out
    }

    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded(.up))
        return s < 60 ? "\(s) s" : s < 3600 ? "\(s / 60) min \(s % 60) s" : "\(s / 3600) h \(s / 60 % 60) min"
    }
}
