/// The last format spec parsed for one kind of value, reused while the same text comes again:
/// an f-string field such as `{x:.2f}` in a loop parses its spec once, not once per value.
struct FormatSpecCache {
    private var text = ""
    private var parsed: PyFormat.Spec?

    /// The parsed `text`, from the cache when it was the last one parsed.
    mutating func spec(
        for text: String, parse: (String) throws(PyFormatError) -> PyFormat.Spec
    ) throws(PyFormatError) -> PyFormat.Spec {
        if let parsed, text == self.text { return parsed }
        let spec = try parse(text)
        self.text = text
        parsed = spec
        return spec
    }
}
