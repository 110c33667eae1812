// swift-tools-version:6.0
// The oracle for Notebook's Swift highlighter: swift-syntax's own classification
// (SwiftIDEUtils), run by generate.sh. It is a package of its own so that neither
// `make site` nor `make test` builds swift-syntax (about 8 minutes of CPU); the tests read
// the JSON it writes.
import PackageDescription

let package = Package(
    name: "SwiftClassificationOracle",
    platforms: [.macOS(.v14)],
    dependencies: [.package(url: "https://github.com/swiftlang/swift-syntax", exact: "603.0.1")],
    targets: [
        .executableTarget(
            name: "classify",
            dependencies: [
                .product(name: "SwiftIDEUtils", package: "swift-syntax"),
                .product(name: "SwiftParser", package: "swift-syntax"),
            ]
        ),
    ]
)
