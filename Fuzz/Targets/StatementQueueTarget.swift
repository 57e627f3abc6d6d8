import PlaybooksLanguage

/// libFuzzer target `statements`: the streaming statement splitter and queue fed the input in
/// arbitrary chunks. The first byte seeds the chunk sizes; the rest is the response text, cut at
/// byte boundaries (so chunks may split UTF-8 sequences, as network reads do). Checks that the
/// statements do not depend on how the text was cut, and never crashes.
@_cdecl("LLVMFuzzerTestOneInput")
public func statementQueueTarget(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var cuts = FuzzCuts(seedByte: bytes[0])
    let text = Array(bytes.dropFirst())

    // Byte chunks through the splitter.
    var chunked = StatementSplitter()
    for piece in cuts.pieces(of: text, maxSizeBits: 6) { chunked.feed(bytes: piece) }
    chunked.finish()
    var whole = StatementSplitter()
    whole.feed(bytes: text)
    whole.finish()
    // (A failed invariant is a crash libFuzzer records, with the input that caused it.)
    precondition(chunked.take() == whole.take(), "the statements depend on how the response was cut into byte chunks")

    // String chunks (whole characters) through the queue, taking statements as they come.
    let string = String(decoding: text, as: UTF8.self)
    var queue = StatementQueue()
    var taken = 0
    for chunk in StreamChunker.chunks(of: string, seed: cuts.seed, maxSize: 17) {
        queue.feed(chunk)
        while queue.next() != nil { taken += 1 }
    }
    queue.finish()
    while queue.next() != nil { taken += 1 }
    _ = taken
    return 0
}
