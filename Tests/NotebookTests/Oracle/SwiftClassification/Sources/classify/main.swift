// Reads a JSON array of Swift sources on standard input and writes, for each, the source
// and swift-syntax's classification of every UTF-8 byte, one letter per byte:
//
//   k keyword   a attribute (`@x` and declaration modifiers)   t type
//   i identifier   l argument label   d dollar identifier (`$0`)   o operator
//   n integer literal   f float literal   s string literal   r regex literal
//   c line or block comment   D doc comment   p #if directive   e editor placeholder
//   . none (punctuation, whitespace)
import Foundation
import SwiftIDEUtils
import SwiftParser
import SwiftSyntax

func letter(_ kind: SyntaxClassification) -> UInt8 {
    let l: Character = switch kind {
    case .keyword: "k"
    case .attribute: "a"
    case .type: "t"
    case .identifier: "i"
    case .argumentLabel: "l"
    case .dollarIdentifier: "d"
    case .operator: "o"
    case .integerLiteral: "n"
    case .floatLiteral: "f"
    case .stringLiteral: "s"
    case .regexLiteral: "r"
    case .lineComment, .blockComment: "c"
    case .docLineComment, .docBlockComment: "D"
    case .ifConfigDirective: "p"
    case .editorPlaceholder: "e"
    case .none: "."
    @unknown default: "?"
    }
    return l.asciiValue!
}

let sources = try JSONDecoder().decode([String].self, from: FileHandle.standardInput.readDataToEndOfFile())
var entries: [[String: String]] = []
for source in sources {
    let tree = Parser.parse(source: source)
    var kinds = [UInt8](repeating: UInt8(ascii: "."), count: source.utf8.count)
    for span in tree.classifications {
        for i in span.range.lowerBound.utf8Offset..<span.range.upperBound.utf8Offset {
            kinds[i] = letter(span.kind)
        }
    }
    entries.append(["source": source, "kinds": String(decoding: kinds, as: UTF8.self)])
}
let encoder = JSONEncoder()
encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
FileHandle.standardOutput.write(try encoder.encode(entries))
FileHandle.standardOutput.write(Data("\n".utf8))
