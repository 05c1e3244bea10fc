extension Array {
    /// The contents of a scratch buffer, to keep: a copy no larger than it
    /// needs (`Array(self[...])` may share the storage, spare room and all),
    /// or, past a megabyte, the storage itself, the buffer starting afresh, so
    /// that a huge page is never held twice.
    mutating func takeContents() -> [Element] {
        if count * MemoryLayout<Element>.stride > 1 << 20 {
            defer { self = [] }
            return self
        }
        let copy = isEmpty ? [] : withUnsafeBufferPointer { source in
            [Element](unsafeUninitializedCapacity: count) { buffer, initialized in
                initialized = buffer.initialize(fromContentsOf: source)
            }
        }
        removeAll(keepingCapacity: true)
        return copy
    }
}
