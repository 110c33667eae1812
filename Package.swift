// swift-tools-version:6.0
import PackageDescription

// Lesson modules are compiled without optimisation even in release builds: in -O, LLVM
// merges a function's traps, so a trapping cell would report another cell's message and
// line. Cells are glue; the numeric work they call lives in the optimised core modules.
// `-diagnostic-style llvm` prints compile errors compactly, at the `.md` line.
let lessonSettings: [SwiftSetting] = [.unsafeFlags(["-Onone", "-diagnostic-style", "llvm"])]

// The pipeline, one way: Precision <- Training <- LessonRuntime <- Lessons <- mantissa.
// Notebook (parse, generate, render) never imports the numeric core; the two meet only
// in LessonResults, the JSON contract between a running lesson and the renderer.
let package = Package(
    name: "Mantissa",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "mantissa", targets: ["mantissa"]),
        .library(name: "Precision", targets: ["Precision"]),
        .library(name: "Training", targets: ["Training"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        // `mantissa serve`: a small HTTP server on Swift concurrency, without SwiftNIO.
    ],
    targets: [
        // The C library, seen by exactly one Swift file (Notebook/Markdown/CMark.swift).
        .systemLibrary(
            name: "CCMarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // OpenBLAS's CBLAS interface, seen by exactly one Swift file (Training/Tensor/BLAS.swift).
        .systemLibrary(
            name: "COpenBLAS",
            pkgConfig: "openblas",
            providers: [.apt(["libopenblas-dev"])]
        ),
        // Numeric core.
        .target(name: "Precision", dependencies: ["CRoundingAVX2"]),
        // Precision's eight-lane bulk rounding loops, chosen at run time on CPUs with AVX2
        // (per-function target attributes: no flags; see Precision/Bulk/WideKernels.swift).
        .target(name: "CRoundingAVX2"),
        // Tensors, tape autodiff, layers, optimizers, loss scaling.
        .target(name: "Training", dependencies: ["Precision", "COpenBLAS", "CAdamAVX2"]),
        // Training's FP32 Adam step on eight lanes, chosen at run time on CPUs with AVX2 and
        // FMA (the AVX2 check is CRoundingAVX2's); seen by exactly one Swift file
        // (Training/Optimization/AdamWide.swift).
        .target(name: "CAdamAVX2", dependencies: ["CRoundingAVX2"]),
        // Deterministic SVG figures (a leaf: imports nothing of ours).
        .target(name: "Charts"),
        // What a lesson run produces, which the runtime writes and the renderer reads; a
        // figure is kept as its Charts data, so each edition draws it in its own words.
        .target(name: "LessonResults", dependencies: ["Charts"]),
        // Markdown -> lesson model -> generated Swift; results -> HTML site.
        .target(
            name: "Notebook",
            dependencies: [
                "CCMarkGFM", "CRenameExchange", "LessonResults", "Charts",
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
        // The API lesson code calls, and the in-process runner.
        .target(name: "LessonRuntime", dependencies: ["Precision", "Charts", "LessonResults"]),
        // Run by the LessonCompiler plugin at build time.
        .executableTarget(name: "LessonCodegen", dependencies: ["Notebook"]),
        .plugin(
            name: "LessonCompiler",
            capability: .buildTool(),
            dependencies: ["LessonCodegen"]
        ),
        // The book's chapters: Lessons/NN-slug.md, compiled by the plugin.
        .target(
            name: "Lessons",
            dependencies: ["LessonRuntime", "Precision", "Training", "Charts"],
            path: "Lessons",
            exclude: ["references.json", "data", "po"],
            swiftSettings: lessonSettings,
            plugins: ["LessonCompiler"]
        ),
        // Replacing the site folder in one step: renameat2(RENAME_EXCHANGE), which Swift's Glibc
        // module does not declare; seen by exactly one Swift file (Notebook/Render/SiteFolder.swift).
        .target(name: "CRenameExchange"),
        // Starting a lesson process as the leader of a session of its own (POSIX_SPAWN_SETSID);
        // seen by exactly one Swift file (MantissaCLI/Running/ChildProcess.swift).
        .target(name: "CChildProcess"),
        // The command line, parameterised by the book it is linked with.
        .target(
            name: "MantissaCLI",
            dependencies: [
                "Notebook", "LessonRuntime", "LessonResults", "CChildProcess",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "mantissa", dependencies: ["MantissaCLI", "Lessons"]),

        // A tiny book of deliberately broken lessons (false claim, trap, hang, ...),
        // compiled exactly like the real one, for the error-path tests.
        .target(
            name: "FixtureLessons",
            dependencies: ["LessonRuntime", "Precision", "Training", "Charts"],
            path: "Tests/Fixtures/Lessons",
            swiftSettings: lessonSettings,
            plugins: ["LessonCompiler"]
        ),
        .executableTarget(
            name: "mantissa-fixtures",
            dependencies: ["MantissaCLI", "FixtureLessons"],
            path: "Tests/Fixtures/Runner"
        ),

        // A small book of lessons that always succeed, for the result-cache tests.
        .target(
            name: "CacheBookLessons",
            dependencies: ["LessonRuntime", "Precision", "Training", "Charts"],
            path: "Tests/Fixtures/CacheBook/Lessons",
            swiftSettings: lessonSettings,
            plugins: ["LessonCompiler"]
        ),
        .executableTarget(
            name: "mantissa-cachebook",
            dependencies: ["MantissaCLI", "CacheBookLessons"],
            path: "Tests/Fixtures/CacheBook/Runner"
        ),

        // Performance comparisons: numbers, not pass/fail (see Benchmarks/README.md).
        .executableTarget(name: "mantissa-bench", dependencies: ["Precision"], path: "Benchmarks/Sources/mantissa-bench"),
        .executableTarget(name: "mantissa-train-bench", dependencies: ["Training", "Precision"], path: "Benchmarks/Sources/mantissa-train-bench"),

        .testTarget(name: "PrecisionTests", dependencies: ["Precision"], exclude: ["Oracle"]),
        .testTarget(name: "TrainingTests", dependencies: ["Training", "Precision"], exclude: ["Oracle"]),
        .testTarget(name: "LessonRuntimeTests", dependencies: ["LessonRuntime", "LessonResults"]),
        .testTarget(name: "ChartsTests", dependencies: ["Charts", "Precision"], exclude: ["Snapshots"]),
        .testTarget(name: "NotebookTests", dependencies: ["Notebook", "LessonResults", "Charts"], exclude: ["Books", "FuzzRegressions", "Oracle"]),
        .testTarget(name: "LessonTests", dependencies: ["mantissa", "mantissa-fixtures", "mantissa-cachebook", "Precision"]),
    ],
    swiftLanguageModes: [.v6]
)
