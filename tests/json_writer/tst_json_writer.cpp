// JsonWriter: the text it writes must parse (nlohmann as the independent reader) and carry the
// same values, whatever bytes come in.
#include "common/json_writer.h"

#include <QTest>
#include <nlohmann/json.hpp>

using namespace gw;
using nlohmann::json;

namespace {
QByteArray quoted(std::string_view text)
{
    QByteArray out = "\"";
    appendJsonStringContent(out, text);
    return out + '"';
}
std::string parsedString(std::string_view text)
{
    return json::parse(quoted(text).toStdString()).get<std::string>();
}
} // namespace

class TestJsonWriter : public QObject {
    Q_OBJECT
private slots:
    void nestedStructure();
    void escapes();
    void validUtf8IsKept_data();
    void validUtf8IsKept();
    void invalidUtf8IsReplaced_data();
    void invalidUtf8IsReplaced();
    void everyByteValueParses();
};

void TestJsonWriter::nestedStructure()
{
    QByteArray out;
    JsonWriter w(out);
    w.beginObject().field("a", "x").key("n").number(-12).key("empty").beginObject().endObject();
    w.key("list").beginArray().string("p").number(1).boolean(true).null().beginArray().endArray();
    w.beginObject().field("k", std::string("v")).endObject().endArray();
    w.key("last").boolean(false).endObject();
    const json parsed = json::parse(out.toStdString());
    const json expected = {{"a", "x"}, {"n", -12}, {"empty", json::object()},
                           {"list", {"p", 1, true, nullptr, json::array(), {{"k", "v"}}}}, {"last", false}};
    QCOMPARE(QString::fromStdString(parsed.dump()), QString::fromStdString(expected.dump()));
}

void TestJsonWriter::escapes()
{
    const std::string tricky = std::string("q\"b\\s/n\nr\rt\tb\bf\f") + '\x01' + '\x1f' + '\0' + "end";
    QCOMPARE(parsedString(tricky), tricky);
    QCOMPARE(quoted("a\x01"), QByteArray("\"a\\u0001\""));
}

void TestJsonWriter::validUtf8IsKept_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::newRow("two bytes") << QByteArray("caf\xC3\xA9");
    QTest::newRow("three bytes") << QByteArray("\xE2\x82\xAC 5");
    QTest::newRow("four bytes") << QByteArray("\xF0\x9F\x98\x80");
    QTest::newRow("last code point") << QByteArray("\xF4\x8F\xBF\xBF");
    QTest::newRow("before surrogates") << QByteArray("\xED\x9F\xBF");
}

void TestJsonWriter::validUtf8IsKept()
{
    QFETCH(QByteArray, text);
    const std::string_view view(text.constData(), size_t(text.size()));
    QCOMPARE(quoted(view), '"' + text + '"'); // unchanged, not \u-escaped
}

void TestJsonWriter::invalidUtf8IsReplaced_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray r = "\xEF\xBF\xBD";
    QTest::newRow("lone continuation") << QByteArray("a\x80z") << "a" + r + "z";
    QTest::newRow("invalid lead") << QByteArray("\xFF\xFE") << r + r;
    QTest::newRow("overlong slash") << QByteArray("\xC0\xAF") << r + r;
    QTest::newRow("overlong three") << QByteArray("\xE0\x80\xAF") << r + r + r;
    QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << r + r + r;
    QTest::newRow("above U+10FFFF") << QByteArray("\xF4\x90\x80\x80") << r + r + r + r;
    QTest::newRow("truncated at end") << QByteArray("ok\xE2\x82") << "ok" + r + r;
    QTest::newRow("truncated before ascii") << QByteArray("\xE2\x82" "A") << r + r + "A";
}

void TestJsonWriter::invalidUtf8IsReplaced()
{
    QFETCH(QByteArray, text);
    QFETCH(QByteArray, expected);
    const std::string_view view(text.constData(), size_t(text.size()));
    QCOMPARE(QByteArray::fromStdString(parsedString(view)), expected);
}

void TestJsonWriter::everyByteValueParses()
{
    std::string all;
    for (int i = 0; i < 256; ++i)
        all += char(i);
    const std::string back = parsedString(all);
    QCOMPARE(back.substr(0, 128), all.substr(0, 128)); // ASCII comes back as it went in
    QCOMPARE(back.size(), size_t(128 + 128 * 3));       // each non-UTF-8 byte is one U+FFFD
}

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_json_writer.moc"
