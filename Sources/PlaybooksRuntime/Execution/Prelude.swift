/// Python run before a program's own code. It defines the `@playbook` decorator, which keeps the
/// playbook call stack as data in the VM (so it is in every snapshot and replays exactly), and
/// the names the runtime's host functions read and write.
///
/// Hidden globals (all start with `__pb_`):
/// - `__pb_stack__`: one dict per running playbook: `playbook`, `step` (the last `Step` id),
///   `returned`/`value` (set by `Return`);
/// - `__pb_transcript__`: messages said, as `(sender, target, text)` tuples;
/// - `__pb_artifacts__`: name -> `{"summary": ..., "content": ...}`;
/// - `__pb_playbooks__`: name -> the wrapped playbook.
enum Prelude {
    static let filename = "<playbooks prelude>"

    static func source(agent: String, markdownPlaybooks: [String]) -> String {
        var text = """
            __pb_agent__ = \(pythonString(agent))
            __pb_stack__ = []
            __pb_transcript__ = []
            __pb_artifacts__ = {}
            __pb_playbooks__ = {}

            def playbook(fn):
                name = fn.__name__
                async def __pb_run__(*args, **kwargs):
                    frame = {"playbook": name, "step": None, "returned": False, "value": None}
                    __pb_stack__.append(frame)
                    try:
                        result = fn(*args, **kwargs)
                        if type(result).__name__ == "coroutine":
                            result = await result
                    finally:
                        __pb_stack__.pop()
                    if result is None and frame["returned"]:
                        return frame["value"]
                    return result
                __pb_playbooks__[name] = __pb_run__
                return __pb_run__

            """
        for name in markdownPlaybooks {
            text += """

                async def \(name)(*args, **kwargs):
                    raise RuntimeError(\(pythonString("playbook \(name) is a Markdown playbook: running it needs an LLM, which this runtime does not drive yet")))

                """
        }
        return text
    }

    /// The statement appended after the program's Python code: it runs the entry playbook.
    static func entry(_ name: String) -> String {
        "__pb_result__ = await __pb_playbooks__[\(pythonString(name))]()\n"
    }

    static func pythonString(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += "\\x" + String(format2: scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}

extension String {
    fileprivate init(format2 value: UInt32) {
        let h = String(value, radix: 16)
        self = h.count < 2 ? "0" + h : h
    }
}
