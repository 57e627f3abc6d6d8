/// The `re` module (placeholder until the regex engine lands).
enum RegexModule {
    static let functions: [BuiltinFunction] = []
    static let decoders: [String: NativeObjectRegistry.Decoder] = [:]
    static func make() -> ModuleObject { StandardModules.module("re", functions) }
}
