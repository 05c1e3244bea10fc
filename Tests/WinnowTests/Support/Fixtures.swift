import Foundation
@testable import Winnow

/// Paths of the committed fixtures and seeds.
enum Fixtures {
    static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        while url.lastPathComponent != "Tests" { url.deleteLastPathComponent() }
        return url.deletingLastPathComponent().path
    }()

    static func path(_ relative: String) -> String { root + "/" + relative }

    static func read(_ relative: String) throws -> [UInt8] {
        Array(try Data(contentsOf: URL(fileURLWithPath: path(relative))))
    }

    /// A fresh temporary folder.
    static func temporaryFolder() -> String {
        let path = NSTemporaryDirectory() + "winnow-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Every file under a folder, relative path to bytes.
    static func tree(_ folder: String) throws -> [String: [UInt8]] {
        var out: [String: [UInt8]] = [:]
        let enumerator = FileManager.default.enumerator(atPath: folder)
        while let relative = enumerator?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDirectory)
            if !isDirectory.boolValue {
                out[relative] = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/" + relative)))
            }
        }
        return out
    }
}
