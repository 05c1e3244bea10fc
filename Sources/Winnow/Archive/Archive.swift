import CSQLite
import Glibc

/// The archive index (`--index FILE`): what earlier runs saw, in an SQLite
/// file, so that each day's crawl is cleaned and checked for duplicates
/// against everything before it without reading the old pages again.
///
/// Tables: `settings` (what the hashes depend on: a run with others is
/// refused), `pages` (an archived page a row: id, source, content hash, its
/// blocks and cleaned words as blobs, ``ArchivedPage``), `block_keys` (the
/// pages holding each block key, for the cross-page rule's evidence) and
/// `bands` (the pages under each LSH band key, for duplicate candidates).
/// Lookups go by key, in key order, batched: a run reads what its own pages
/// point to, not the archive.
///
/// A run holds the file locked (another run waits), and adds its pages in
/// one transaction: a run killed part way leaves the archive as it was.
final class Archive {
    let path: String
    private var db: OpaquePointer?
    private var lockDescriptor: Int32 = -1

    /// What the stored hashes depend on; a run with other values is refused.
    struct Settings: Equatable, Sendable {
        var values: [String: String]
    }

    /// Opens (creating when missing) the archive at `path`, waiting for any
    /// other run that holds it, and checks its settings against `settings`.
    init(path: String, settings: Settings) throws(WinnowError) {
        self.path = path
        // One run at a time: an advisory lock beside SQLite's own, held to the end of the run.
        let fd = open(path + ".lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .archive(path, "cannot open its lock file: \(String(cString: strerror(errno)))") }
        lockDescriptor = fd
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let message = Array("winnow: archive \(path): another run holds it; waiting\n".utf8)
            _ = message.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
            guard flock(fd, LOCK_EX) == 0 else { throw .archive(path, "cannot lock: \(String(cString: strerror(errno)))") }
        }
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            throw .archive(path, db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open")
        }
        sqlite3_busy_timeout(db, 600_000)
        try execute("""
            PRAGMA page_size = 16384;
            PRAGMA journal_mode = DELETE;
            PRAGMA synchronous = FULL;
            PRAGMA mmap_size = 4294967296;
            PRAGMA cache_size = -262144;
            CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS pages (
                page INTEGER PRIMARY KEY, id TEXT NOT NULL, source TEXT NOT NULL, content_hash INTEGER NOT NULL,
                blocks BLOB NOT NULL, tokens BLOB NOT NULL, text BLOB, UNIQUE (id, content_hash));
            CREATE TABLE IF NOT EXISTS block_keys (key INTEGER NOT NULL, page INTEGER NOT NULL, PRIMARY KEY (key, page)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS bands (key INTEGER NOT NULL, page INTEGER NOT NULL, PRIMARY KEY (key, page)) WITHOUT ROWID;
            """)
        // An archive made before pages kept their text gets the column (an error when it has it).
        sqlite3_exec(db, "ALTER TABLE pages ADD COLUMN text BLOB", nil, nil, nil)
        let stored = try storedSettings()
        if stored.isEmpty {
            try transaction { () throws(WinnowError) in
                for (key, value) in settings.values.sorted(by: { $0.key < $1.key }) {
                    try run("INSERT INTO settings (key, value) VALUES (?, ?)", [.text(key), .text(value)])
                }
            }
        } else {
            for (key, value) in settings.values.sorted(by: { $0.key < $1.key }) where stored[key] != value {
                throw .archive(path, "was built with \(key) \(stored[key] ?? "unset"); this run has \(value): "
                    + "use the same setting, or another archive")
            }
        }
    }

    /// Opens the archive at `path` only to read it (`winnow index stats`):
    /// nothing is created, locked or changed.
    init(readingOnly path: String) throws(WinnowError) {
        self.path = path
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK else {
            throw .archive(path, db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open")
        }
        sqlite3_busy_timeout(db, 600_000)
        // A file that is not an archive has no settings table to read.
        var statement: OpaquePointer?
        guard sqlite3_prepare_v2(db, "SELECT key, value FROM settings", -1, &statement, nil) == SQLITE_OK else {
            throw .archive(path, "not an archive: \(String(cString: sqlite3_errmsg(db)))")
        }
        sqlite3_finalize(statement)
    }

    deinit {
        for statement in statements.values { sqlite3_finalize(statement) }
        if let reader { sqlite3_close_v2(reader) }
        sqlite3_close_v2(db)
        if lockDescriptor >= 0 { close(lockDescriptor) }
    }

    // MARK: Reading

    /// The settings stored.
    func storedSettings() throws(WinnowError) -> [String: String] {
        var settings: [String: String] = [:]
        try query("SELECT key, value FROM settings", []) { row in settings[row.text(0)] = row.text(1) }
        return settings
    }

    /// The number of pages and of distinct sources.
    func counts() throws(WinnowError) -> (pages: Int, sources: Int) {
        var counts = (pages: 0, sources: 0)
        try query("SELECT COUNT(*), COUNT(DISTINCT source) FROM pages", []) { row in
            counts = (Int(row.integer(0)), Int(row.integer(1)))
        }
        return counts
    }

    /// The row numbers of pages holding any of `keys` in `table`, at most
    /// `perKey` pages a key (the lowest numbers: the earliest pages).
    func pages(holding keys: [UInt64], in table: KeyTable, perKey: Int = .max) throws(WinnowError) -> [Int64] {
        let sql = "SELECT page FROM \(table.rawValue) WHERE key = ? ORDER BY page" + (perKey == .max ? "" : " LIMIT \(perKey)")
        // The keys in the index's (signed) order, each once: the top bit flipped for the radix sort.
        var sorted = keys.map { $0 ^ (1 << 63) }
        sorted.sortAndRemoveDuplicates(hashes: true)
        // Two halves on two connections, each in one read transaction (SQLite
        // then locks the file and looks for a journal once, not at every lookup).
        let halves = sorted.count < 4096 || threads < 2 ? [sorted[...]] : [sorted[..<(sorted.count / 2)], sorted[(sorted.count / 2)...]]
        var found = [[Int64]](repeating: [], count: halves.count)
        var failures = [WinnowError?](repeating: nil, count: halves.count)
        let reader = halves.count > 1 ? try readerConnection() : nil
        found.withUnsafeMutableBufferPointer { found in
          failures.withUnsafeMutableBufferPointer { failures in
            let (slots, failed) = (UncheckedBuffer(found), UncheckedBuffer(failures))  // each half writes its own
            Parallel.forEach(halves.count, threads: halves.count, worker: { () }) { _, h in
                do throws(WinnowError) {
                    let connection = h == 0 ? db! : reader!
                    try Self.reading(connection, path) { () throws(WinnowError) in
                        var statement: OpaquePointer?
                        guard sqlite3_prepare_v2(connection, sql, -1, &statement, nil) == SQLITE_OK, let statement else {
                            throw Self.error(connection, path, "cannot read")
                        }
                        defer { sqlite3_finalize(statement) }
                        for key in halves[h] {
                            sqlite3_reset(statement)
                            sqlite3_bind_int64(statement, 1, Int64(bitPattern: key ^ (1 << 63)))
                            while true {
                                let result = sqlite3_step(statement)
                                if result == SQLITE_DONE { break }
                                guard result == SQLITE_ROW else { throw Self.error(connection, path, "cannot read") }
                                slots.base[h].append(sqlite3_column_int64(statement, 0))
                            }
                        }
                    }
                } catch {
                    failed.base[h] = error
                }
            }
          }
        }
        if let failure = failures.lazy.compactMap({ $0 }).first { throw failure }
        var rows = found.flatMap { $0 }
        rows.sort()
        return rows.reduce(into: []) { if $0.last != $1 { $0.append($1) } }
    }

    /// Threads for lookups.
    var threads = Parallel.defaultThreads

    /// A second connection, read-only, for lookups on another thread.
    private var reader: OpaquePointer?

    private func readerConnection() throws(WinnowError) -> OpaquePointer {
        if let reader { return reader }
        var connection: OpaquePointer?
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK, let connection else {
            throw .archive(path, "cannot open to read")
        }
        sqlite3_busy_timeout(connection, 600_000)
        sqlite3_exec(connection, "PRAGMA mmap_size = 4294967296; PRAGMA cache_size = -131072;", nil, nil, nil)
        reader = connection
        return connection
    }

    private static func error(_ connection: OpaquePointer, _ path: String, _ context: String) -> WinnowError {
        .archive(path, "\(context): \(String(cString: sqlite3_errmsg(connection)))")
    }

    /// Reads on `connection` in one transaction.
    private static func reading(_ connection: OpaquePointer, _ path: String, _ body: () throws(WinnowError) -> Void) throws(WinnowError) {
        guard sqlite3_exec(connection, "BEGIN", nil, nil, nil) == SQLITE_OK else { throw error(connection, path, "cannot read") }
        defer { sqlite3_exec(connection, "COMMIT", nil, nil, nil) }
        try body()
    }

    enum KeyTable: String {
        case blockKeys = "block_keys"
        case bands
    }

    /// The pages with these row numbers, in their order.
    func load(_ rows: [Int64]) throws(WinnowError) -> [(row: Int64, page: ArchivedPage)] {
        var pages: [(row: Int64, page: ArchivedPage)] = []
        try reading { () throws(WinnowError) in try prepared("SELECT page, id, source, content_hash, blocks, tokens, text FROM pages WHERE page = ?") { statement throws(WinnowError) in
            for row in rows {
                sqlite3_reset(statement)
                sqlite3_bind_int64(statement, 1, row)
                try step(statement) { r throws(WinnowError) in
                    guard let blocks = r.blob(4, ArchivedPage.blocks(from:)), let tokens = r.blob(5, ArchivedPage.tokens(from:)) else {
                        throw .archive(path, "page \(row) is damaged")
                    }
                    // The text, kept compressed when kept.
                    var text: [UInt8]?
                    if sqlite3_column_type(r.statement, 6) == SQLITE_BLOB {
                        guard let compressed = r.blob(6, { Array($0.bindMemory(to: UInt8.self)) }),
                              let plain = try? Gzip.decompress(compressed) else { throw .archive(path, "page \(row)'s text is damaged") }
                        text = plain
                    }
                    pages.append((row, ArchivedPage(id: r.text(1), source: r.text(2), contentHash: UInt64(bitPattern: r.integer(3)),
                                                    blocks: blocks, tokens: tokens, text: text)))
                }
            }
        } }
        return pages
    }

    /// The row number of the page with this id and content, if archived.
    func row(id: String, contentHash: UInt64) throws(WinnowError) -> Int64? {
        var found: Int64?
        try query("SELECT page FROM pages WHERE id = ? AND content_hash = ?", [.text(id), .integer(Int64(bitPattern: contentHash))]) {
            found = $0.integer(0)
        }
        return found
    }

    // MARK: Writing

    /// Adds `pages` with their band keys, in one transaction; a page already
    /// archived (same id and content) is left as it is.
    func add(_ pages: [(page: ArchivedPage, bandKeys: [UInt64])]) throws(WinnowError) {
        try transaction { () throws(WinnowError) in
            var blockRows: [(key: UInt64, page: Int64)] = [], bandRows: [(key: UInt64, page: Int64)] = []
            for (page, bands) in pages {
                try run("INSERT OR IGNORE INTO pages (id, source, content_hash, blocks, tokens, text) VALUES (?, ?, ?, ?, ?, ?)",
                        [.text(page.id), .text(page.source), .integer(Int64(bitPattern: page.contentHash)),
                         .blob(page.blockBytes), .blob(page.tokenBytes), page.text.map { .blob(Gzip.compress($0)) } ?? .null])
                guard sqlite3_changes(db) == 1 else { continue }
                let row = sqlite3_last_insert_rowid(db)
                for block in page.blocks { blockRows.append((block.key, row)) }
                for key in bands { bandRows.append((key, row)) }
            }
            // A hundred rows a statement: a statement's step costs as much as its rows' binding.
            let batch = 100
            for (table, rows) in [("block_keys", blockRows), ("bands", bandRows)] {
                let order = Self.keyOrder(rows)
                var start = 0
                while start < order.count {
                    let count = min(batch, order.count - start)
                    let sql = "INSERT OR IGNORE INTO \(table) (key, page) VALUES " + Array(repeating: "(?, ?)", count: count).joined(separator: ", ")
                    try prepared(sql) { statement throws(WinnowError) in
                        for k in 0 ..< count {
                            let row = rows[order[start + k]]
                            sqlite3_bind_int64(statement, Int32(2 * k + 1), Int64(bitPattern: row.key))
                            sqlite3_bind_int64(statement, Int32(2 * k + 2), row.page)
                        }
                        try step(statement) { _ in }
                    }
                    start += count
                }
            }
        }
    }

    /// The indices of `rows` in the (signed) order of their keys, as the
    /// index stores them: each part of the index is then visited once.
    /// Radix-sorted: the top 40 bits of each key above its row's index.
    static func keyOrder(_ rows: [(key: UInt64, page: Int64)]) -> [Int] {
        guard rows.count < 1 << 24 else {
            return rows.indices.sorted { Int64(bitPattern: rows[$0].key) < Int64(bitPattern: rows[$1].key) }
        }
        // Signed order: the top bit flipped.
        var packed = rows.indices.map { i in ((rows[i].key ^ (1 << 63)) & ~(1 << 24 - 1)) | UInt64(i) }
        packed.radixSort()
        return packed.map { Int($0 & (1 << 24 - 1)) }
    }

    // MARK: SQLite

    enum Value {
        case null
        case integer(Int64)
        case text(String)
        case blob([UInt8])
    }

    struct Row {
        let statement: OpaquePointer
        func integer(_ column: Int32) -> Int64 { sqlite3_column_int64(statement, column) }
        func text(_ column: Int32) -> String { sqlite3_column_text(statement, column).map { String(cString: $0) } ?? "" }
        func blob<T>(_ column: Int32, _ read: (UnsafeRawBufferPointer) -> T?) -> T? {
            let count = Int(sqlite3_column_bytes(statement, column))
            guard let base = sqlite3_column_blob(statement, column) else { return count == 0 ? read(UnsafeRawBufferPointer(start: nil, count: 0)) : nil }
            return read(UnsafeRawBufferPointer(start: base, count: count))
        }
    }

    private func error(_ context: String) -> WinnowError {
        db.map { Self.error($0, path, context) } ?? .archive(path, "\(context): no database")
    }

    private func execute(_ sql: String) throws(WinnowError) {
        guard sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK else { throw error("cannot set up") }
    }

    /// Statements prepared once a run, by their text.
    private var statements: [String: OpaquePointer] = [:]

    private func prepared(_ sql: String, _ body: (OpaquePointer) throws(WinnowError) -> Void) throws(WinnowError) {
        let statement: OpaquePointer
        if let known = statements[sql] {
            statement = known
        } else {
            var made: OpaquePointer?
            guard sqlite3_prepare_v2(db, sql, -1, &made, nil) == SQLITE_OK, let made else { throw error("cannot read") }
            statements[sql] = made
            statement = made
        }
        defer {
            sqlite3_reset(statement)
            sqlite3_clear_bindings(statement)
        }
        try body(statement)
    }

    private func step(_ statement: OpaquePointer, _ row: (Row) throws(WinnowError) -> Void) throws(WinnowError) {
        while true {
            let result = sqlite3_step(statement)
            if result == SQLITE_DONE { return }
            guard result == SQLITE_ROW else { throw error("cannot read") }
            try row(Row(statement: statement))
        }
    }

    private static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

    private func bind(_ statement: OpaquePointer, _ values: [Value]) {
        for (n, value) in values.enumerated() {
            let i = Int32(n + 1)
            switch value {
            case .null: sqlite3_bind_null(statement, i)
            case .integer(let v): sqlite3_bind_int64(statement, i, v)
            case .text(let v): sqlite3_bind_text(statement, i, v, -1, Self.transient)
            case .blob(let v): v.withUnsafeBytes { _ = sqlite3_bind_blob(statement, i, $0.baseAddress, Int32($0.count), Self.transient) }
            }
        }
    }

    private func query(_ sql: String, _ values: [Value], _ row: (Row) throws(WinnowError) -> Void) throws(WinnowError) {
        try prepared(sql) { statement throws(WinnowError) in
            bind(statement, values)
            try step(statement, row)
        }
    }

    private func run(_ sql: String, _ values: [Value]) throws(WinnowError) {
        try query(sql, values) { _ in }
    }

    /// Reads in one transaction.
    private func reading(_ body: () throws(WinnowError) -> Void) throws(WinnowError) {
        try Self.reading(db!, path, body)
    }

    private func transaction(_ body: () throws(WinnowError) -> Void) throws(WinnowError) {
        try execute("BEGIN IMMEDIATE")
        do {
            try body()
        } catch {
            sqlite3_exec(db, "ROLLBACK", nil, nil, nil)
            throw error
        }
        guard sqlite3_exec(db, "COMMIT", nil, nil, nil) == SQLITE_OK else {
            let failure = self.error("cannot write")
            sqlite3_exec(db, "ROLLBACK", nil, nil, nil)
            throw failure
        }
    }
}
