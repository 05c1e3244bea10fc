import Benchmark

/// MB of page text handled per second, recorded beside the wall clock.
public let megabytesPerSecond = BenchmarkMetric.custom("MB/s of page text", polarity: .prefersLarger, useScalingFactor: false)

/// Runs `body` for each of the benchmark's iterations and records the
/// throughput over `bytes` of page text an iteration.
public func measure(_ benchmark: Benchmark, bytes: Int, _ body: () throws -> Void) rethrows {
    let start = ContinuousClock.now
    for _ in benchmark.scaledIterations { try body() }
    let seconds = (ContinuousClock.now - start) / .seconds(1)
    benchmark.measurement(megabytesPerSecond, Int(Double(bytes * benchmark.scaledIterations.count) / 1e6 / seconds))
}

/// The configuration both targets use: the usual metrics and MB/s.
public func configuration(maxSeconds: Int, maxIterations: Int) -> Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident, megabytesPerSecond],
        scalingFactor: .one,
        maxDuration: .seconds(maxSeconds),
        maxIterations: maxIterations
    )
}
