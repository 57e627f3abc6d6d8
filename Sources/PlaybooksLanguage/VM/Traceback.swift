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
        // The chain, newest first, each with the line that follows it when printed: an
        // exception's cause, else (unless suppressed) its context, until one is met again.
        // Collected in a loop: a chain restored from a snapshot may be any length.
        var chain: [(exception: ExceptionObject, link: String?)] = []
        var seen: Set<ObjectIdentifier> = []
        var next: (exception: ExceptionObject, link: String?)? = (object, nil)
        while let (e, link) = next {
            seen.insert(ObjectIdentifier(e))
            chain.append((e, link))
            if let cause = e.cause, !seen.contains(ObjectIdentifier(cause)) {
                next = (cause, "\nThe above exception was the direct cause of the following exception:\n\n")
            } else if !e.suppressContext, let context = e.context, !seen.contains(ObjectIdentifier(context)) {
                next = (context, "\nDuring handling of the above exception, another exception occurred:\n\n")
            } else {
                next = nil
            }
        }
        var out = ""
        for (e, link) in chain.reversed() {
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
            if let link { out += link }
        }
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
