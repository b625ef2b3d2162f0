#pragma once
// Velocity highlighting for mapping templates: directives, references, comments and strings.
// Templates are small, so each change restyles the whole text: a block comment opened above
// the change is always seen.
#include <Qsci/qscilexercustom.h>

namespace gw::ui {

class VelocityLexer : public QsciLexerCustom {
    Q_OBJECT
public:
    enum Style { Default, Directive, Reference, Comment, String, StyleCount };
    explicit VelocityLexer(QObject *parent = nullptr);
    const char *language() const override { return "Velocity"; }
    QString description(int style) const override;
    QColor defaultColor(int style) const override;
    QFont defaultFont(int style) const override;
    void styleText(int start, int end) override;
    // The style of each byte of text, as styleText sets it (for tests).
    static std::vector<Style> stylesOf(const QByteArray &text);
};

} // namespace gw::ui
