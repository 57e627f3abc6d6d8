/// `typing`: names used in annotations, all inert.
enum TypingModule {
    static let functions: [BuiltinFunction] = []

    static func make() -> ModuleObject {
        var constants: [(String, Value)] = []
        for name in ["Any", "Optional", "List", "Dict", "Tuple", "Set", "Union", "Callable", "Iterable", "Sequence", "Mapping"] {
            constants.append((name, .type(Types.object)))
        }
        return StandardModules.module("typing", [], constants: constants)
    }
}
