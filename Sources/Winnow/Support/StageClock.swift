import Foundation

/// Prints how long each stage of a job took to standard error when the
/// environment sets `WINNOW_TIMINGS`; does nothing otherwise. For tuning.
struct StageClock {
    private static let enabled = ProcessInfo.processInfo.environment["WINNOW_TIMINGS"] != nil
    private var last = ContinuousClock.now

    /// Reports the time since the previous mark (or since creation).
    mutating func mark(_ stage: @autoclosure () -> String) {
        guard Self.enabled else { return }
        let now = ContinuousClock.now
        let seconds = Double((now - last).components.attoseconds) / 1e18 + Double((now - last).components.seconds)
        FileHandle.standardError.write(Data("timing: \(stage()): \(String(format: "%.3f", seconds)) s\n".utf8))
        last = now
    }
}
