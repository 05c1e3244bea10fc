import Foundation

/// Prints how long each stage of a job took to standard error when the
/// environment sets `WINNOW_TIMINGS`; does nothing otherwise. For tuning.
package struct StageClock {
    static let enabled = ProcessInfo.processInfo.environment["WINNOW_TIMINGS"] != nil
    private var last = ContinuousClock.now
    private var lastCPU = Self.usage()

    /// Reports the time since the previous mark (or since creation), the CPU
    /// time all threads spent in it, and the page faults it took (each a
    /// page of new memory, cleared by the kernel).
    mutating func mark(_ stage: @autoclosure () -> String) {
        guard Self.enabled else { return }
        let now = ContinuousClock.now
        let cpu = Self.usage()
        let seconds = (now - last) / .seconds(1)
        let figures = String(format: "%.3f s (cpu %.3f s, %d faults)", seconds, cpu.seconds - lastCPU.seconds, cpu.faults - lastCPU.faults)
        StandardStreams.writeError("timing: \(stage()): \(figures)\n")
        last = now
        lastCPU = cpu
    }

    /// User and system time of the whole process so far, and its page faults.
    private static func usage() -> (seconds: Double, faults: Int) {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let seconds = { (t: timeval) in Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime) + seconds(usage.ru_stime), usage.ru_minflt + usage.ru_majflt)
    }
}

extension StageClock {
    /// With `WINNOW_TIMINGS` set, prints the process's peak resident memory
    /// (VmHWM, which an exec starts afresh) to standard error when it exits.
    public static func reportPeakMemoryAtExit() {
        guard enabled else { return }
        atexit {
            let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }) else { return }
            let kilobytes = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            StandardStreams.writeError("timing: peak memory: \(kilobytes * 1024) bytes\n")
        }
    }
}
