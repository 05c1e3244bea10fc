/// The fixed XXH3 seeds. Changing one changes every stored hash, so they are
/// pinned by tests.
enum HashSeeds {
    /// Seed for the hash of one folded token.
    static let token: UInt64 = 0x5749_4E4E_4F57_0001
    /// Seed for a shingle: the hash of k consecutive token hashes.
    static let shingle: UInt64 = 0x5749_4E4E_4F57_0002
    /// Seed for a block key: the hash of a block's folded tokens.
    static let block: UInt64 = 0x5749_4E4E_4F57_0003
    /// Seed from which MinHash derives its permutations.
    static let minHash: UInt64 = 0x5749_4E4E_4F57_0004
    /// Seed for finding exact copies: of pages, of documents' words, of the
    /// segments the NFC cache holds.
    static let exactCopy: UInt64 = 0x5749_4E4E_4F57_0005

    /// The version of the hashes (the seeds above, and how tokens, blocks,
    /// shingles and signatures are hashed), stored in an archive: raise it
    /// when any of them changes, and archives built before are refused.
    static let version = "1"
}
