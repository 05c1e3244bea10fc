/// Errors that stop a run before any page is processed.
public enum WinnowError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An input path does not exist.
    case inputNotFound(String)
    /// No page was found under the inputs.
    case noInput([String])
    /// The output folder is one of the inputs, or inside one (or holds one).
    case outputInsideInput(output: String, input: String)
    /// The output could not be created or written.
    case cannotWrite(String, reason: String)
    /// A file could not be read.
    case cannotRead(String, reason: String)
    /// `--strict` stopped the run at the first problem.
    case strict(Diagnostic)
    /// A cue file (`--cues`) has a line it cannot use.
    case badCueFile(String, line: Int, reason: String)
    /// A report would be written inside the output folder, where it would
    /// replace a cleaned page or be taken for one.
    case reportInsideOutput(report: String, output: String)
    /// Two inputs would be written to one output file.
    case sameOutputName(String, first: String, second: String)
    /// The output folder holds files winnow did not write: it is not replaced.
    case outputNotOurs(String)
    /// Another run is writing the output folder.
    case outputBusy(String)
    /// The archive index (`--index`) cannot be used: its settings differ, or it cannot be read or written.
    case archive(String, String)
    /// A distributed stage (`winnow stage NAME`) got input it cannot use.
    case stage(String, String)

    public var description: String {
        switch self {
        case .inputNotFound(let path): "\(path): no such file or folder"
        case .noInput(let paths): "no pages found in \(paths.joined(separator: ", "))"
        case .outputInsideInput(let output, let input):
            "refusing to write into the input: output '\(output)' overlaps input '\(input)'"
        case .cannotWrite(let path, let reason): "\(path): cannot write: \(reason)"
        case .cannotRead(let path, let reason): "\(path): cannot read: \(reason)"
        case .strict(let diagnostic): "stopped (--strict): \(diagnostic)"
        case .badCueFile(let path, let line, let reason): line > 0 ? "\(path):\(line): error: \(reason)" : "\(path): error: \(reason)"
        case .reportInsideOutput(let report, let output):
            "refusing to write the report '\(report)' inside the output folder '\(output)'"
        case .outputNotOurs(let path):
            "refusing to replace '\(path)': it holds files winnow did not write (give a new or empty folder)"
        case .outputBusy(let path): "another winnow run is writing '\(path)'"
        case .archive(let path, let reason): "archive \(path): \(reason)"
        case .stage(let name, let reason): "stage \(name): \(reason)"
        case .sameOutputName(let name, let first, let second):
            "'\(first)' and '\(second)' would both be written as '\(name)': give their folders instead, or clean them apart"
        }
    }
}
