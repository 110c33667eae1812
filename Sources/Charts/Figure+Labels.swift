extension Figure {
    /// Every text the figure draws that a reader reads as words, in drawing order: the axis
    /// labels, then each mark's name or label. (The title and caption are the page's.)
    public var labels: [String] {
        [x.label, y.label] + marks.map(\.name)
    }

    /// The same figure with each label (see ``labels``), its title and its caption replaced
    /// by `translate`'s result: the figure in another language, laid out for its words.
    public func relabeled(_ translate: (String) -> String) -> Figure {
        var figure = self
        figure.title = translate(title)
        figure.caption = caption.map(translate)
        figure.x.label = translate(x.label)
        figure.y.label = translate(y.label)
        figure.marks = marks.map { $0.relabeled(translate) }
        return figure
    }
}

extension Mark {
    func relabeled(_ translate: (String) -> String) -> Mark {
        switch kind {
        case .line(var s): s.name = translate(s.name); return Mark(.line(s))
        case .spread(var s): s.name = translate(s.name); return Mark(.spread(s))
        case .scatter(var s): s.name = translate(s.name); return Mark(.scatter(s))
        case .histogram(var h): h.name = translate(h.name); return Mark(.histogram(h))
        case .exponentHistogram(var h): h.name = translate(h.name); return Mark(.exponentHistogram(h))
        case .band(var b): b.label = translate(b.label); return Mark(.band(b))
        case .reference(var r): r.label = translate(r.label); return Mark(.reference(r))
        }
    }
}
