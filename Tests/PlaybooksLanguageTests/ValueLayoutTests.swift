import Testing

@testable import PlaybooksLanguage

/// The interpreter's speed depends on `Value` staying small: it is copied on every push and pop.
@Suite struct ValueLayoutTests {
    @Test func valueStaysSmall() {
        #expect(MemoryLayout<Value>.size <= 17, "Value is \(MemoryLayout<Value>.size) bytes")
    }
}
