import Dispatch

/// Parallel map over indices with a bounded number of threads. Each result
/// lands in its own slot, so the output does not depend on the thread count.
enum Parallel {
    /// The number of threads to use when the caller does not say.
    static var defaultThreads: Int { max(1, ProcessInfoCores.count) }

    static func map<T>(_ count: Int, threads: Int, _ body: (Int) -> T) -> [T] {
        if count == 0 { return [] }
        let threads = max(1, min(threads, count))
        if threads == 1 { return (0 ..< count).map(body) }
        nonisolated(unsafe) let body = body
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            let slots = UncheckedBuffer(buffer)
            // Small chunks balance uneven pages; results stay in index order.
            let chunk = max(1, min(64, count / (threads * 8)))
            let chunks = (count + chunk - 1) / chunk
            let next = AtomicCounter()
            DispatchQueue.concurrentPerform(iterations: threads) { _ in
                while true {
                    let c = next.increment()
                    if c >= chunks { break }
                    for i in c * chunk ..< min(count, (c + 1) * chunk) {
                        (slots.base.baseAddress! + i).initialize(to: body(i))
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

/// The number of cores, as the system reports them.
enum ProcessInfoCores {
    static var count: Int {
        #if canImport(Glibc)
            return Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))
        #else
            return 1
        #endif
    }
}

#if canImport(Glibc)
    import Glibc
#endif

/// A counter shared by worker threads.
final class AtomicCounter: @unchecked Sendable {
    private var value = 0
    private var lock = pthread_mutex_t()

    init() { pthread_mutex_init(&lock, nil) }
    deinit { pthread_mutex_destroy(&lock) }

    /// Returns the current value and adds one.
    func increment() -> Int {
        pthread_mutex_lock(&lock)
        defer { pthread_mutex_unlock(&lock) }
        let v = value
        value += 1
        return v
    }
}
