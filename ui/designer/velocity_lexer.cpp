#include "velocity_lexer.h"

#include <Qsci/qsciscintilla.h>

#include <QFontDatabase>

namespace gw::ui {

namespace {
bool isIdentifierStart(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool isIdentifier(char c)
{
    return isIdentifierStart(c) || (c >= '0' && c <= '9') || c == '-';
}
} // namespace

VelocityLexer::VelocityLexer(QObject *parent) : QsciLexerCustom(parent) {}

QString VelocityLexer::description(int style) const
{
    switch (style) {
    case Default: return tr("Text");
    case Directive: return tr("Directive");
    case Reference: return tr("Reference");
    case Comment: return tr("Comment");
    case String: return tr("String");
    default: return {};
    }
}

QColor VelocityLexer::defaultColor(int style) const
{
    switch (style) {
    case Directive: return QColor(0x8e, 0x24, 0xaa);
    case Reference: return QColor(0x15, 0x65, 0xc0);
    case Comment: return QColor(0x6a, 0x73, 0x7d);
    case String: return QColor(0x2e, 0x7d, 0x32);
    default: return QsciLexerCustom::defaultColor(style);
    }
}

QFont VelocityLexer::defaultFont(int style) const
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    font.setBold(style == Directive);
    font.setItalic(style == Comment);
    return font;
}

std::vector<VelocityLexer::Style> VelocityLexer::stylesOf(const QByteArray &text)
{
    std::vector<Style> styles(size_t(text.size()), Default);
    const qsizetype n = text.size();
    qsizetype i = 0;
    const auto paint = [&](qsizetype from, qsizetype to, Style s) {
        for (qsizetype k = from; k < to && k < n; ++k)
            styles[size_t(k)] = s;
    };
    while (i < n) {
        const char c = text[i];
        if (c == '#' && i + 1 < n && text[i + 1] == '#') { // ## to the end of the line
            qsizetype end = text.indexOf('\n', i);
            end = end < 0 ? n : end;
            paint(i, end, Comment);
            i = end;
        } else if (c == '#' && i + 1 < n && text[i + 1] == '*') { // #* ... *#
            qsizetype end = text.indexOf("*#", i + 2);
            end = end < 0 ? n : end + 2;
            paint(i, end, Comment);
            i = end;
        } else if (c == '#' && i + 1 < n && (isIdentifierStart(text[i + 1]) || text[i + 1] == '{')) {
            qsizetype end = i + 1;
            if (text[end] == '{') {
                const qsizetype close = text.indexOf('}', end);
                end = close < 0 ? n : close + 1;
            } else {
                while (end < n && isIdentifier(text[end]))
                    ++end;
            }
            paint(i, end, Directive);
            i = end;
        } else if (c == '$' && i + 1 < n && (isIdentifierStart(text[i + 1]) || text[i + 1] == '{' || text[i + 1] == '!')) {
            qsizetype end = i + 1;
            if (text[end] == '!')
                ++end;
            if (end < n && text[end] == '{') {
                const qsizetype close = text.indexOf('}', end);
                end = close < 0 ? n : close + 1;
            } else {
                // $a.b.c: the reference and its property chain (arguments keep their own styles).
                while (end < n && (isIdentifier(text[end]) || (text[end] == '.' && end + 1 < n && isIdentifierStart(text[end + 1]))))
                    ++end;
            }
            paint(i, end, Reference);
            i = end;
        } else if (c == '"' || c == '\'') {
            qsizetype end = i + 1;
            while (end < n && text[end] != c && text[end] != '\n')
                end += text[end] == '\\' ? 2 : 1;
            end = std::min(n, end + 1);
            // Inside a directive's arguments a string is a string; in plain text quotes are text
            // (JSON output), except that references inside still show.
            bool inDirective = false;
            for (qsizetype k = i - 1; k >= 0 && text[k] != '\n'; --k) {
                if (text[k] == '#' && k + 1 < n && isIdentifierStart(text[k + 1])) {
                    inDirective = text.indexOf(')', k) >= i || text.indexOf(')', k) < 0;
                    break;
                }
            }
            if (inDirective)
                paint(i, end, String);
            i = inDirective ? end : i + 1;
        } else {
            ++i;
        }
    }
    return styles;
}

void VelocityLexer::styleText(int, int)
{
    QsciScintilla *editor = this->editor();
    if (!editor)
        return;
    const QByteArray text = editor->text().toUtf8();
    const std::vector<Style> styles = stylesOf(text);
    startStyling(0);
    qsizetype i = 0;
    while (i < qsizetype(styles.size())) {
        qsizetype j = i;
        while (j < qsizetype(styles.size()) && styles[size_t(j)] == styles[size_t(i)])
            ++j;
        setStyling(int(j - i), styles[size_t(i)]);
        i = j;
    }
}

} // namespace gw::ui
