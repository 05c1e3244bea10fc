// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "winnow",
    products: [
        .library(name: "Winnow", targets: ["Winnow"]),
        .executable(name: "winnow", targets: ["WinnowCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-algorithms", from: "1.2.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.0"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.0"),
        // `swift package generate-documentation --target Winnow` (DocC).
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // libxxhash from the system (Debian: libxxhash-dev), found through pkg-config.
        .systemLibrary(
            name: "CXXHash",
            pkgConfig: "libxxhash",
            providers: [.apt(["libxxhash-dev"])]
        ),
        // zlib from the system (Debian: zlib1g-dev), for .gz inputs and outputs.
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // libxml2's HTML parser from the system (Debian: libxml2-dev), for .html inputs.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        // SQLite from the system (Debian: libsqlite3-dev), for the archive index (--index).
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        // mimalloc from the system (Debian: libmimalloc-dev), the command's
        // allocator: no pkg-config file, so the module map names the library.
        .systemLibrary(
            name: "CMimalloc",
            providers: [.apt(["libmimalloc-dev"])]
        ),
        // XXH3 inlined into its callers, for the short inputs of the hot loop.
        .target(name: "CXXHashInline", dependencies: ["CXXHash"]),
        // The body model's trees scored with the vector units (AVX-512 or
        // AVX2, chosen at run time), 16 or 8 rows at a time.
        .target(name: "CForest"),
        // The tokeniser's fold 64 bytes at a time (AVX-512 BW and VBMI2,
        // chosen at run time), for runs of scalars that fold to their own length.
        .target(name: "CFold"),
        .target(
            name: "Winnow",
            dependencies: [
                "CXXHash", "CXXHashInline", "CForest", "CFold", "CZlib", "CLibXML2", "CSQLite",
                .product(name: "Algorithms", package: "swift-algorithms"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // The command-line tool `winnow` (a folder whose name differs from the
        // library's by more than case).
        .executableTarget(
            name: "WinnowCLI",
            dependencies: [
                "Winnow", "CMimalloc",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "WinnowTests",
            dependencies: ["Winnow", .product(name: "PropertyBased", package: "swift-property-based")]
        ),
    ]
)
