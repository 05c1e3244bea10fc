/// A problem with one input, reported and then passed over.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable { case warning, error }

    public let severity: Severity
    /// The file, and the line for JSONL.
    public let origin: PageOrigin
    public let message: String

    public init(_ severity: Severity, _ origin: PageOrigin, _ message: String) {
        self.severity = severity
        self.origin = origin
        self.message = message
    }

    /// `path[:line]: severity: message`, as compilers print.
    public var description: String { "\(origin): \(severity.rawValue): \(message)" }
}
