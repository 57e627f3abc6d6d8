/// `collections`: `Counter`, `defaultdict` and `OrderedDict` are dicts with a flavor; `deque`
/// is a list with a flag.
enum CollectionsModule {
    static let functions: [BuiltinFunction] = []

    static func make() -> ModuleObject {
        StandardModules.module(
            "collections", [],
            constants: [
                ("Counter", .type(Types.counter)), ("defaultdict", .type(Types.defaultdict)),
                ("OrderedDict", .type(Types.orderedDict)), ("deque", .type(Types.deque)),
            ])
    }
}
