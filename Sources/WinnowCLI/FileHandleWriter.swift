import Foundation

enum FileHandleWriter {
    static func writeToStderr(_ string: String) {
        FileHandle.standardError.write(Data(string.utf8))
    }
}
