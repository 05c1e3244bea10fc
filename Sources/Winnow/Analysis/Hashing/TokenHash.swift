/// The hash of one folded word: the low 32 bits of an XXH3-64 (seed
/// `HashSeeds.token`): of the word's bytes padded with zeros to 15 and
/// followed by its length (`XXH3.tokenHash(_:count:seed:)`), or of its
/// bytes as they are when it is longer.
///
/// A page holds the hash of each of its words, so a dump holds nearly as
/// many hashes as bytes of text: 20 million for the 119 MB comparison dump.
/// At 32 bits they take 80 MB instead of 160, and fresh memory costs a
/// page fault per 4 KB (about 6% of a `dups` run at 64 bits).
///
/// 32 bits are enough for what the hashes are used for. Two distinct words
/// share a hash with probability 2⁻³²: the comparison dump's 56,000 distinct
/// words expect 0.4 such pairs, a million distinct words 116, and each pair
/// is read as one word wherever it occurs. Shingles, block keys and MinHash
/// values stay 64 bits wide: a shingle hashes five of these (20 bytes) into
/// 64 bits. (Pair F1 on the comparison dump: 0.9711 at 64 bits, 0.9695 to
/// 0.9709 at 32 bits under four shingle seeds: the spread of LSH's chance
/// finds of pairs that pass by containment.)
public typealias TokenHash = UInt32
