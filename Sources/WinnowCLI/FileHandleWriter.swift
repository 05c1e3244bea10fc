import Winnow

enum FileHandleWriter {
    static func writeToStderr(_ string: String) {
        StandardStreams.writeError(string)
    }
}
