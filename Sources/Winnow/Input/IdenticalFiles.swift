import Synchronization

/// Text files with the same bytes (a page crawled twice, saved under two
/// names), found while a dump is read and analysed on several threads at
/// once. The first file read with some bytes is analysed; a file read later
/// with the same bytes shares its page (``Page/copy(id:origin:)``).
///
/// Files are known by ``ExactCopies/hash(_:)`` of their bytes, and a shared
/// hash is confirmed by comparing the bytes, so a hash collision never joins
/// two files (the later one is then analysed on its own). Which of two
/// identical files is analysed depends on the threads' timing; what the
/// pages hold does not, since both would be analysed alike.
///
/// With it, each file is read and analysed in one go, where the whole dump
/// was read before any file was analysed: a file's memory can then serve
/// the next file's, once its page no longer needs its text.
final class IdenticalFiles: Sendable {
    /// What the first file read with a hash leaves for the later ones.
    private enum First {
        /// Being analysed: its bytes, to compare with.
        case analysing(bytes: [UInt8])
        /// Analysed: its page.
        case analysed(Page)
    }

    /// The first file read with a hash, as a later file with that hash finds it.
    struct Earlier {
        /// Its index in the dump's files.
        let file: Int
        /// Its bytes, while it is being analysed.
        let bytes: [UInt8]?
        /// Its page, once analysed.
        let page: Page?
    }

    private struct State {
        var numbers: HashTable64<Int32>
        var firsts: [(file: Int, first: First)] = []
    }

    private let state: Mutex<State>

    /// A table for a dump of about `files` files.
    init(files: Int) {
        state = Mutex(State(numbers: HashTable64(capacity: files)))
    }

    /// Records file `file`, of `bytes` with hash `hash`, as the first with
    /// that hash and returns nil; or, when an earlier file has the hash,
    /// returns that file (the caller compares the bytes).
    func claim(_ hash: UInt64, file: Int, bytes: [UInt8]) -> Earlier? {
        state.withLock { state in
            var number = Int32(state.firsts.count)
            state.numbers.update(hash, initial: number) { number = $0 }
            guard Int(number) < state.firsts.count else {
                state.firsts.append((file, .analysing(bytes: bytes)))
                return nil
            }
            let (earlier, first) = state.firsts[Int(number)]
            switch first {
            case .analysing(let bytes): return Earlier(file: earlier, bytes: bytes, page: nil)
            case .analysed(let page): return Earlier(file: earlier, bytes: nil, page: page)
            }
        }
    }

    /// Records the page of the file that claimed `hash`, letting go of its bytes.
    func analysed(_ hash: UInt64, page: Page) {
        state.withLock { state in
            guard let number = state.numbers[hash] else { return }
            state.firsts[Int(number)].first = .analysed(page)
        }
    }
}
