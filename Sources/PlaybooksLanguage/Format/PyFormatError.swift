/// An error raised by the formatting and parsing routines, carrying the
/// Python exception type name (e.g. "ValueError") and its exact message.
struct PyFormatError: Error, Equatable, CustomStringConvertible {
    var typeName: String
    var message: String

    init(_ typeName: String, _ message: String) {
        self.typeName = typeName
        self.message = message
    }

    static func valueError(_ message: String) -> PyFormatError {
        PyFormatError("ValueError", message)
    }

    var description: String { "\(typeName): \(message)" }
}
