import Dispatch
import Foundation
import Synchronization

/// Parallel map over indices with a bounded number of threads. Each result
/// lands in its own slot, so the output does not depend on the thread count.
enum Parallel {
    /// The number of threads to use when the caller does not say. Asked
    /// once: Foundation reads the process's CPU affinity and cgroup limits
    /// each time, and every options value takes it as its default.
    static let defaultThreads = max(1, ProcessInfo.processInfo.activeProcessorCount)

    static func map<T>(_ count: Int, threads: Int, _ body: (Int) -> T) -> [T] {
        map(count, threads: threads, worker: { () }) { _, i in body(i) }
    }

    /// Like ``map(_:threads:_:)``, with a value of each worker's own, made by
    /// `worker` once per worker thread and passed with each index: scratch
    /// space (an analyser, buffers) reused across the items a worker takes.
    static func map<T, Worker>(_ count: Int, threads: Int, worker: () -> Worker, _ body: (Worker, Int) -> T) -> [T] {
        // No array of capacity 0 made this way: unoptimised, the standard
        // library stores its count into the empty array all threads share,
        // which ThreadSanitizer reports as a race.
        guard count > 0 else { return [] }
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = UncheckedBuffer(buffer)
            forEach(count, threads: threads, worker: worker) { own, i in
                (slots.base.baseAddress! + i).initialize(to: body(own, i))
            }
            initialized = count
        }
    }

    /// Changes each element of `values` in place, on all threads: an element
    /// holding arrays keeps them uniquely referenced, so they change without
    /// being copied. `body` must touch no element but the one it is given.
    static func update<T>(_ values: inout [T], threads: Int, _ body: (inout T, Int) -> Void) {
        values.withUnsafeMutableBufferPointer { buffer in
            let slots = UncheckedBuffer(buffer)
            forEach(buffer.count, threads: threads, worker: { () }) { _, i in body(&slots.base[i], i) }
        }
    }

    /// Calls `body` with every index in `0 ..< count` once, on up to
    /// `threads` threads, in small chunks that balance uneven items, with a
    /// value of each worker's own (see ``map(_:threads:worker:_:)``). For
    /// work whose results go where the caller keeps them, through an
    /// ``UncheckedBuffer``.
    static func forEach<Worker>(_ count: Int, threads: Int, worker: () -> Worker, _ body: (Worker, Int) -> Void) {
        if count == 0 { return }
        let threads = max(1, min(threads, count))
        if threads == 1 {
            let own = worker()
            for i in 0 ..< count { body(own, i) }
            return
        }
        nonisolated(unsafe) let body = body
        nonisolated(unsafe) let worker = worker
        let chunk = max(1, min(64, count / (threads * 8)))
        let chunks = (count + chunk - 1) / chunk
        let next = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: threads) { _ in
            let own = worker()
            while true {
                let c = next.wrappingAdd(1, ordering: .relaxed).oldValue
                if c >= chunks { break }
                for i in c * chunk ..< min(count, (c + 1) * chunk) { body(own, i) }
            }
        }
    }
}

/// A buffer shared by parallel workers, each index touched by one worker only
/// (``Parallel/map`` writes its results through one; the cleaner takes its
/// prepared pages through another).
struct UncheckedBuffer<T>: @unchecked Sendable {
    let base: UnsafeMutableBufferPointer<T>
    init(_ base: UnsafeMutableBufferPointer<T>) { self.base = base }
}
