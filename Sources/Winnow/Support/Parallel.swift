import Dispatch
import Foundation
import Synchronization

/// Parallel map over indices with a bounded number of threads. Each result
/// lands in its own slot, so the output does not depend on the thread count.
enum Parallel {
    /// The number of threads to use when the caller does not say.
    static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    static func map<T>(_ count: Int, threads: Int, _ body: (Int) -> T) -> [T] {
        map(count, threads: threads, worker: { () }) { _, i in body(i) }
    }

    /// Like ``map(_:threads:_:)``, with a value of each worker's own, made by
    /// `worker` once per worker thread and passed with each index: scratch
    /// space (an analyser, buffers) reused across the items a worker takes.
    static func map<T, Worker>(_ count: Int, threads: Int, worker: () -> Worker, _ body: (Worker, Int) -> T) -> [T] {
        if count == 0 { return [] }
        let threads = max(1, min(threads, count))
        if threads == 1 {
            let own = worker()
            return (0 ..< count).map { body(own, $0) }
        }
        nonisolated(unsafe) let body = body
        nonisolated(unsafe) let worker = worker
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = UncheckedBuffer(buffer)
            // Small chunks balance uneven pages; results stay in index order.
            let chunk = max(1, min(64, count / (threads * 8)))
            let chunks = (count + chunk - 1) / chunk
            let next = Atomic<Int>(0)
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                let own = worker()
                while true {
                    let c = next.wrappingAdd(1, ordering: .relaxed).oldValue
                    if c >= chunks { break }
                    for i in c * chunk ..< min(count, (c + 1) * chunk) {
                        (slots.base.baseAddress! + i).initialize(to: body(own, i))
                    }
                }
            }
            initialized = count
        }
    }
}

/// A buffer shared by the workers of ``Parallel/map``; each index is written by one worker.
private struct UncheckedBuffer<T>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<T>
    init(_ base: UnsafeMutableBufferPointer<T>) { self.base = base }
}
