extension PyException {
    /// The exception's last traceback line as CPython prints it: `ValueError: message`.
    public func summary(_ vm: VirtualMachine) -> String {
        let message = (try? vm.str(.exception(object))) ?? ""
        let name =
            object.type.module == "builtins" || object.type.module == "__main__" || !object.type.isBuiltin
            ? object.type.name : object.type.module + "." + object.type.name
        return message.isEmpty ? name : "\(name): \(message)"
    }

    /// The whole traceback, with chained causes and contexts, as CPython prints it.
    ///
    /// - Parameters:
    ///   - filename: the file shown for frames whose code has no file name (snapshots of format 1),
    ///     and whose lines `sourceLines` holds.
    ///   - hiding: frames not to show (a host's own code), by file name, function and line.
    public func formattedTraceback(
        _ vm: VirtualMachine, filename: String, sourceLines: [Substring] = [],
        hiding: (_ filename: String, _ function: String, _ line: Int) -> Bool = { _, _, _ in false }
    ) -> String {
        var out = ""
        var seen: Set<ObjectIdentifier> = []
        func render(_ e: ExceptionObject) {
            seen.insert(ObjectIdentifier(e))
            if let cause = e.cause, !seen.contains(ObjectIdentifier(cause)) {
                render(cause)
                out += "\nThe above exception was the direct cause of the following exception:\n\n"
            } else if !e.suppressContext, let context = e.context, !seen.contains(ObjectIdentifier(context)) {
                render(context)
                out += "\nDuring handling of the above exception, another exception occurred:\n\n"
            }
            out += "Traceback (most recent call last):\n"
            for entry in e.traceback.reversed() {
                let file = entry.filename.isEmpty ? filename : entry.filename
                if hiding(file, entry.name, entry.line) { continue }
                out += "  File \"\(file)\", line \(entry.line), in \(entry.name)\n"
                if file == filename, entry.line >= 1 && entry.line <= sourceLines.count {
                    let text = sourceLines[entry.line - 1].trimmingLeadingSpaces
                    if !text.isEmpty { out += "    \(text)\n" }
                }
            }
            out += PyException(e).summary(vm) + "\n"
        }
        render(object)
        return out
    }
}

extension Substring {
    var trimmingLeadingSpaces: Substring {
        var s = self
        while let f = s.first, f == " " || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s = s.dropLast() }
        return s
    }
}
