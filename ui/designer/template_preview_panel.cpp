#include "template_preview_panel.h"

#include "velocity_lexer.h"

#include "model/project.h"
#include "vtl/template_preview.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QPlainTextEdit>
#include <QSplitter>
#include <QTimer>
#include <QToolButton>
#include <QVBoxLayout>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>

namespace gw::ui {

namespace {
constexpr int kErrorMarker = 1;

QsciScintilla *codeEdit(QWidget *parent, const QString &name)
{
    auto *edit = new QsciScintilla(parent);
    edit->setObjectName(name);
    edit->setMarginLineNumbers(0, true);
    edit->setMarginWidth(0, QStringLiteral("000"));
    edit->setTabWidth(2);
    edit->setUtf8(true);
    return edit;
}

std::vector<std::pair<std::string, std::string>> pairsOf(const Json &object)
{
    std::vector<std::pair<std::string, std::string>> pairs;
    if (object.is_object())
        for (auto it = object.begin(); it != object.end(); ++it)
            pairs.emplace_back(it.key(), it->is_string() ? it->get<std::string>() : it->dump());
    return pairs;
}

std::string stringOf(const Json &json, const char *key)
{
    const auto it = json.find(key);
    if (it == json.end() || it->is_null())
        return {};
    return it->is_string() ? it->get<std::string>() : it->dump();
}
} // namespace

TemplatePreviewPanel::TemplatePreviewPanel(QWidget *parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("templatePreview"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *split = new QSplitter(Qt::Horizontal, this);
    m_template = codeEdit(split, QStringLiteral("templateText"));
    m_template->setLexer(new VelocityLexer(m_template));
    m_template->markerDefine(QsciScintilla::RightArrow, kErrorMarker);
    m_template->setMarkerBackgroundColor(QColor(0xd3, 0x2f, 0x2f), kErrorMarker);
    m_template->setMinimumHeight(260);
    auto *right = new QWidget(split);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    m_bodyLabel = new QLabel(tr("Sample request"), right);
    auto *sampleBar = new QHBoxLayout;
    sampleBar->addWidget(m_bodyLabel, 1);
    // A request the gateway served, as the sample: the template tried on real traffic.
    m_fromTraffic = new QToolButton(right);
    m_fromTraffic->setObjectName(QStringLiteral("sampleFromTraffic"));
    m_fromTraffic->setText(tr("From traffic"));
    m_fromTraffic->setToolTip(tr("Use a request this method served (the Traffic panel's) as the sample"));
    m_fromTraffic->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_fromTraffic);
    menu->setObjectName(QStringLiteral("sampleFromTrafficMenu"));
    m_fromTraffic->setMenu(menu);
    connect(menu, &QMenu::aboutToShow, this, [this, menu] {
        menu->clear();
        const QList<LoggedSample> samples = m_loggedSamples ? m_loggedSamples() : QList<LoggedSample>();
        if (samples.isEmpty()) {
            menu->addAction(tr("No request for this method in the traffic yet: send one (curl, the console)"))->setEnabled(false);
            return;
        }
        for (const LoggedSample &logged : samples) {
            const QString text = logged.sample;
            connect(menu->addAction(logged.label), &QAction::triggered, this, [this, text] { setSample(text); });
        }
    });
    sampleBar->addWidget(m_fromTraffic);
    rightLayout->addLayout(sampleBar);
    m_sample = codeEdit(right, QStringLiteral("templateSample"));
    m_sample->setLexer(new QsciLexerJSON(m_sample));
    m_sample->setMinimumHeight(110);
    rightLayout->addWidget(m_sample, 1);
    rightLayout->addWidget(new QLabel(tr("Output"), right));
    m_output = new QPlainTextEdit(right);
    m_output->setObjectName(QStringLiteral("templateOutput"));
    m_output->setReadOnly(true);
    m_output->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    rightLayout->addWidget(m_output, 2);
    m_error = new QLabel(right);
    m_error->setObjectName(QStringLiteral("templateError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d32f2f"));
    m_error->hide();
    rightLayout->addWidget(m_error);
    split->addWidget(m_template);
    split->addWidget(right);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    layout->addWidget(split);

    m_preview = new QTimer(this);
    m_preview->setSingleShot(true);
    m_preview->setInterval(120);
    connect(m_preview, &QTimer::timeout, this, &TemplatePreviewPanel::refreshPreview);
    m_commit = new QTimer(this);
    m_commit->setSingleShot(true);
    m_commit->setInterval(600);
    connect(m_commit, &QTimer::timeout, this, [this] { emit edited(m_template->text()); });
    connect(m_template, &QsciScintilla::textChanged, this, [this] {
        m_preview->start();
        if (!m_setting)
            m_commit->start();
    });
    connect(m_sample, &QsciScintilla::textChanged, m_preview, qOverload<>(&QTimer::start));
}

void TemplatePreviewPanel::setTemplateText(const QString &text)
{
    if (text == m_template->text())
        return;
    m_setting = true;
    m_template->setText(text);
    m_setting = false;
    refreshPreview();
}

QString TemplatePreviewPanel::templateText() const
{
    return m_template->text();
}

void TemplatePreviewPanel::setSample(const QString &json)
{
    if (json != m_sample->text())
        m_sample->setText(json);
    refreshPreview();
}

QString TemplatePreviewPanel::sample() const
{
    return m_sample->text();
}

void TemplatePreviewPanel::setBodyLabel(const QString &text)
{
    m_bodyLabel->setText(text);
}

void TemplatePreviewPanel::setEnabledTemplate(bool enabled)
{
    m_template->setReadOnly(!enabled);
}

QString TemplatePreviewPanel::previewOutput() const
{
    return m_output->toPlainText();
}

QString TemplatePreviewPanel::previewError() const
{
    return m_error->text();
}

void TemplatePreviewPanel::refreshPreview()
{
    m_template->markerDeleteAll(kErrorMarker);
    const auto fail = [this](const QString &text) {
        m_error->setText(text);
        m_error->setVisible(true);
    };
    const Json sample = Json::parse(m_sample->text().toStdString(), nullptr, false);
    if (sample.is_discarded() || !sample.is_object()) {
        fail(tr("The sample request is not a JSON object"));
        return;
    }
    vtl::SampleRequest request;
    request.body = stringOf(sample, "body");
    request.path = pairsOf(sample.value("path", Json::object()));
    request.querystring = pairsOf(sample.value("querystring", Json::object()));
    request.header = pairsOf(sample.value("headers", Json::object()));
    for (const auto &[name, value] : pairsOf(sample.value("stageVariables", Json::object())))
        request.stageVariables[name] = value;
    const Json context = sample.value("context", Json::object());
    request.context.stage = stringOf(context, "stage");
    request.context.resourcePath = stringOf(context, "resourcePath");
    request.context.httpMethod = stringOf(context, "httpMethod");
    request.context.requestId = stringOf(context, "requestId");
    request.context.apiId = stringOf(context, "apiId");
    request.context.accountId = stringOf(context, "accountId");
    request.context.path = stringOf(context, "path");
    request.context.extendedRequestId = stringOf(context, "extendedRequestId");
    // A logged request brings its client's; a made-up one is the preview's own.
    request.context.sourceIp = context.contains("sourceIp") ? stringOf(context, "sourceIp") : std::string("127.0.0.1");
    request.context.userAgent = context.contains("userAgent") ? stringOf(context, "userAgent") : std::string("Gatewright preview");
    if (const auto epoch = context.find("requestTimeEpoch"); epoch != context.end() && epoch->is_number_integer())
        request.context.requestTimeEpoch = epoch->get<int64_t>();
    const vtl::TemplatePreview preview = vtl::previewTemplate(m_template->text().toStdString(), request);
    if (preview.error) {
        m_output->setPlainText(QString());
        fail(QString::fromStdString(preview.error->toString()));
        m_template->markerAdd(preview.error->at.line - 1, kErrorMarker);
        return;
    }
    QString output = QString::fromStdString(*preview.output);
    // What a template's $context overrides do to the answer, under the output.
    if (preview.overrides.status)
        output += tr("\n\n[responseOverride.status = %1]").arg(*preview.overrides.status);
    m_output->setPlainText(output);
    m_error->clear();
    m_error->setVisible(false);
}

} // namespace gw::ui
