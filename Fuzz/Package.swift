// swift-tools-version:6.1
import PackageDescription

// libFuzzer targets for Winnow's readers of untrusted bytes. Build and run
// with ./fuzz.sh (it passes -sanitize=fuzzer,address to every module, so the
// library is instrumented too).
let package = Package(
    name: "WinnowFuzz",
    dependencies: [.package(name: "winnow", path: "../")],
    targets: [
        .executableTarget(
            name: "FuzzReaders",
            dependencies: [.product(name: "Winnow", package: "winnow")],
            // libFuzzer brings main().
            swiftSettings: [.unsafeFlags(["-parse-as-library"])]
        ),
    ]
)
