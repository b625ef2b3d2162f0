#include "request_console.h"

#include "field_table.h"
#include "gateway_controller.h"
#include "io/curl_command.h"
#include "latency_histogram_view.h"
#include "model/project_items.h"
#include "monitor/request_replay.h"
#include "project_document.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMenu>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRegularExpression>
#include <QShortcut>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QStringDecoder>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolButton>
#include <QTreeWidget>
#include <QUrl>
#include <QUrlQuery>
#include <QVBoxLayout>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>

namespace gw::ui {

namespace {

const char *const kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"};
const char *const kBodyModes[] = {"none", "raw", "json", "form", "multipart", "binary"};
const char *const kAuthTypes[] = {"none", "apiKey", "bearer", "basic", "sigv4"};
constexpr int kRoleItem = Qt::UserRole + 1;

QString qs(const std::string &s) { return QString::fromStdString(s); }
std::string ss(const QString &s) { return s.toStdString(); }

// A target in the picker: an HTTP route or a REST method, on one stage.
struct Target {
    std::string api, stage, route, method, path;
};

std::string pathOfRouteKey(const std::string &key, std::string *method)
{
    const size_t space = key.find(' ');
    if (space == std::string::npos) {
        *method = "GET";
        return "/";
    }
    *method = key.substr(0, space) == "ANY" ? "GET" : key.substr(0, space);
    return key.substr(space + 1);
}

QString statusColour(int status)
{
    if (status >= 500)
        return QStringLiteral("#c62828");
    if (status == 429 || status >= 400)
        return QStringLiteral("#ef6c00");
    if (status >= 300)
        return QStringLiteral("#1565c0");
    return QStringLiteral("#2e7d32");
}

QString sizeText(qint64 bytes)
{
    if (bytes < 1024)
        return QStringLiteral("%1 B").arg(bytes);
    if (bytes < 1024 * 1024)
        return QStringLiteral("%1 KB").arg(bytes / 1024.0, 0, 'f', 1);
    return QStringLiteral("%1 MB").arg(bytes / 1048576.0, 0, 'f', 1);
}

QString msText(qint64 ns) { return QStringLiteral("%1 ms").arg(ns / 1e6, 0, 'f', ns < 10'000'000 ? 2 : 1); }

} // namespace

RequestConsole::RequestConsole(ProjectDocument *document, GatewayController *controller, QWidget *parent)
    : QWidget(parent), m_document(document), m_controller(controller)
{
    setObjectName(QStringLiteral("requestConsole"));
    m_sender = new ConsoleSender(this);
    m_load = new LoadGenerator(this);
    m_history = std::make_unique<ConsoleHistory>(document->filePath().isEmpty() ? QString()
                                                                                 : ConsoleHistory::fileFor(document->filePath()));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *split = new QSplitter(Qt::Vertical, this);
    split->setObjectName(QStringLiteral("consoleSplit"));
    auto *requestPart = new QWidget(split);
    buildRequestEditor(requestPart);
    m_responseTabs = new QTabWidget(split);
    m_responseTabs->setObjectName(QStringLiteral("consoleResponseTabs"));
    auto *response = new QWidget(m_responseTabs);
    buildResponseView(response);
    m_responseTabs->addTab(response, tr("Response"));
    auto *load = new QWidget(m_responseTabs);
    buildLoadView(load);
    m_responseTabs->addTab(load, tr("Load test"));
    auto *collection = new QWidget(m_responseTabs);
    buildCollectionView(collection);
    m_responseTabs->addTab(collection, tr("Saved && history"));
    split->addWidget(requestPart);
    split->addWidget(m_responseTabs);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    layout->addWidget(split);

    connect(m_sender, &ConsoleSender::finished, this, &RequestConsole::showResponse);
    connect(m_document, &ProjectDocument::changed, this, [this] {
        refreshTargets();
        refreshEnvironments();
        refreshCollection();
    });
    connect(m_controller, &GatewayController::stateChanged, this, [this] { refreshTargets(); });
    connect(m_document, &ProjectDocument::fileChanged, this, [this](const QString &path) {
        // Another project (or Save As): its own history.
        m_history = std::make_unique<ConsoleHistory>(path.isEmpty() ? QString() : ConsoleHistory::fileFor(path));
        refreshHistory();
    });
    refreshTargets();
    refreshEnvironments();
    refreshCollection();
    refreshHistory();
    if (!m_history->lastError().isEmpty())
        QMetaObject::invokeMethod(this, [this] { emit message(m_history->lastError()); }, Qt::QueuedConnection);
}

RequestConsole::~RequestConsole() = default;

void RequestConsole::buildRequestEditor(QWidget *into)
{
    auto *layout = new QVBoxLayout(into);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);

    auto *top = new QHBoxLayout;
    m_target = new QComboBox(into);
    m_target->setObjectName(QStringLiteral("consoleTarget"));
    m_target->setToolTip(tr("Fill the request from a route or method of the project, on one of its stages"));
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_target->setMinimumContentsLength(10); // narrow docks: the list shows whole names
    top->addWidget(m_target, 1);
    m_environment = new QComboBox(into);
    m_environment->setObjectName(QStringLiteral("consoleEnvironment"));
    m_environment->setToolTip(tr("The environment whose {{variables}} the request uses"));
    m_environment->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_environment->setMinimumContentsLength(8);
    top->addWidget(m_environment);
    auto *envEdit = new QToolButton(into);
    envEdit->setText(tr("Edit…"));
    envEdit->setToolTip(tr("Add, rename and fill in environments"));
    top->addWidget(envEdit);
    layout->addLayout(top);
    connect(m_target, qOverload<int>(&QComboBox::activated), this, &RequestConsole::onTargetPicked);
    connect(m_environment, qOverload<int>(&QComboBox::activated), this, [this](int index) {
        setActiveEnvironment(index <= 0 ? QString() : m_environment->itemText(index));
    });
    connect(envEdit, &QToolButton::clicked, this, &RequestConsole::editEnvironments);

    auto *line = new QHBoxLayout;
    m_method = new QComboBox(into);
    m_method->setObjectName(QStringLiteral("consoleMethod"));
    m_method->setEditable(true);
    for (const char *m : kMethods)
        m_method->addItem(QString::fromLatin1(m));
    line->addWidget(m_method);
    m_url = new QLineEdit(into);
    m_url->setObjectName(QStringLiteral("consoleUrl"));
    m_url->setPlaceholderText(tr("{{baseUrl}}/path?query — or paste a curl command"));
    m_url->setClearButtonEnabled(true);
    line->addWidget(m_url, 1);
    m_send = new QPushButton(tr("Send"), into);
    m_send->setObjectName(QStringLiteral("consoleSend"));
    m_send->setToolTip(tr("Send the request (Ctrl+Enter)"));
    m_send->setDefault(true);
    line->addWidget(m_send);
    layout->addLayout(line);
    connect(m_send, &QPushButton::clicked, this, [this] {
        if (m_sender->busy())
            m_sender->cancel();
        else
            send();
    });
    auto *sendKey = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), this);
    sendKey->setContext(Qt::WidgetWithChildrenShortcut);
    connect(sendKey, &QShortcut::activated, this, &RequestConsole::send);
    auto *sendKey2 = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Enter), this);
    sendKey2->setContext(Qt::WidgetWithChildrenShortcut);
    connect(sendKey2, &QShortcut::activated, this, &RequestConsole::send);
    connect(m_url, &QLineEdit::textEdited, this, [this](const QString &text) {
        // A curl line pasted (not typed: more than one character came at once) fills the whole request.
        const bool pasted = text.size() - m_urlLength > 1;
        m_urlLength = int(text.size());
        if (pasted && text.trimmed().startsWith(QLatin1String("curl "))) {
            QString error;
            if (!pasteCurl(text, &error))
                showProblem(error);
            return;
        }
        onUrlEdited();
    });
    connect(m_url, &QLineEdit::textChanged, this, [this](const QString &text) { m_urlLength = int(text.size()); });

    m_problem = new QLabel(into);
    m_problem->setObjectName(QStringLiteral("consoleProblem"));
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c62828"));
    m_problem->hide();
    layout->addWidget(m_problem);

    m_requestTabs = new QTabWidget(into);
    m_requestTabs->setObjectName(QStringLiteral("consoleRequestTabs"));
    m_requestTabs->setDocumentMode(true);
    // Params: path parameters (from {name} in the URL) and the query, kept in step with the URL.
    auto *params = new QWidget(m_requestTabs);
    auto *paramsLayout = new QVBoxLayout(params);
    paramsLayout->setContentsMargins(0, 2, 0, 0);
    m_pathParamsLabel = new QLabel(tr("Path parameters"), params);
    paramsLayout->addWidget(m_pathParamsLabel);
    m_pathParams = new FieldTable(false, params);
    m_pathParams->setObjectName(QStringLiteral("consolePathParameters"));
    m_pathParams->setMaximumHeight(110);
    paramsLayout->addWidget(m_pathParams);
    paramsLayout->addWidget(new QLabel(tr("Query"), params));
    m_query = new FieldTable(false, params);
    m_query->setObjectName(QStringLiteral("consoleQuery"));
    paramsLayout->addWidget(m_query, 1);
    m_requestTabs->addTab(params, tr("Params"));
    connect(m_query, &FieldTable::edited, this, &RequestConsole::onQueryEdited);

    m_headers = new FieldTable(false, m_requestTabs);
    m_headers->setObjectName(QStringLiteral("consoleHeaders"));
    m_requestTabs->addTab(m_headers, tr("Headers"));

    // Auth helpers.
    auto *auth = new QWidget(m_requestTabs);
    auto *authLayout = new QVBoxLayout(auth);
    m_authType = new QComboBox(auth);
    m_authType->setObjectName(QStringLiteral("consoleAuthType"));
    m_authType->addItem(tr("No auth"), QStringLiteral("none"));
    m_authType->addItem(tr("API key header"), QStringLiteral("apiKey"));
    m_authType->addItem(tr("Bearer token"), QStringLiteral("bearer"));
    m_authType->addItem(tr("Basic"), QStringLiteral("basic"));
    m_authType->addItem(tr("AWS Signature V4"), QStringLiteral("sigv4"));
    authLayout->addWidget(m_authType);
    m_authStack = new QStackedWidget(auth);
    auto page = [&](std::initializer_list<std::pair<QString, QLineEdit **>> fields) {
        auto *w = new QWidget(m_authStack);
        auto *form = new QFormLayout(w);
        form->setContentsMargins(0, 0, 0, 0);
        for (const auto &[label, edit] : fields) {
            *edit = new QLineEdit(w);
            form->addRow(label, *edit);
        }
        m_authStack->addWidget(w);
        return form;
    };
    {
        auto *none = new QLabel(tr("The request is sent without credentials."), m_authStack);
        none->setWordWrap(true);
        m_authStack->addWidget(none);
    }
    page({{tr("Header"), &m_apiKeyHeader}, {tr("Key"), &m_apiKeyValue}});
    m_apiKeyHeader->setText(QStringLiteral("x-api-key"));
    page({{tr("Token"), &m_bearer}});
    m_bearer->setPlaceholderText(tr("sent as Authorization: Bearer …; {{token}} works"));
    page({{tr("User"), &m_basicUser}, {tr("Password"), &m_basicPassword}});
    m_basicPassword->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    QFormLayout *sig = page({{tr("Access key id"), &m_sigAccessKey}, {tr("Secret key"), &m_sigSecret},
                             {tr("Session token"), &m_sigToken}, {tr("Region"), &m_sigRegion}, {tr("Service"), &m_sigService}});
    m_sigSecret->setEchoMode(QLineEdit::PasswordEchoOnEdit);
    m_sigRegion->setText(QStringLiteral("us-east-1"));
    m_sigService->setText(QStringLiteral("execute-api"));
    auto *sigNote = new QLabel(tr("Signed when sent, as the AWS SDKs sign: it works against the real AWS too. "
                                  "Use {{variables}} to keep keys out of the project file."));
    sigNote->setWordWrap(true);
    sig->addRow(sigNote);
    authLayout->addWidget(m_authStack);
    authLayout->addStretch(1);
    m_requestTabs->addTab(auth, tr("Auth"));
    connect(m_authType, qOverload<int>(&QComboBox::currentIndexChanged), this, &RequestConsole::onAuthTypeChanged);

    // Body.
    auto *body = new QWidget(m_requestTabs);
    auto *bodyLayout = new QVBoxLayout(body);
    bodyLayout->setContentsMargins(0, 2, 0, 0);
    auto *modeRow = new QHBoxLayout;
    m_bodyMode = new QComboBox(body);
    m_bodyMode->setObjectName(QStringLiteral("consoleBodyMode"));
    m_bodyMode->addItem(tr("No body"), QStringLiteral("none"));
    m_bodyMode->addItem(tr("Raw"), QStringLiteral("raw"));
    m_bodyMode->addItem(tr("JSON"), QStringLiteral("json"));
    m_bodyMode->addItem(tr("Form (urlencoded)"), QStringLiteral("form"));
    m_bodyMode->addItem(tr("Multipart"), QStringLiteral("multipart"));
    m_bodyMode->addItem(tr("Binary file"), QStringLiteral("binary"));
    modeRow->addWidget(m_bodyMode);
    auto *format = new QToolButton(body);
    format->setText(tr("Format"));
    format->setToolTip(tr("Indent the JSON body (it is checked too)"));
    modeRow->addWidget(format);
    modeRow->addStretch(1);
    bodyLayout->addLayout(modeRow);
    m_bodyStack = new QStackedWidget(body);
    m_bodyStack->addWidget(new QLabel(tr("The request has no body."), m_bodyStack));
    m_bodyText = new QsciScintilla(m_bodyStack);
    m_bodyText->setObjectName(QStringLiteral("consoleBody"));
    m_bodyText->setLexer(new QsciLexerJSON(m_bodyText));
    m_bodyText->setUtf8(true);
    m_bodyText->setTabWidth(2);
    m_bodyText->setMarginWidth(0, 0);
    m_bodyText->setMarginWidth(1, 0);
    m_bodyStack->addWidget(m_bodyText);
    m_formFields = new FieldTable(true, m_bodyStack);
    m_formFields->setObjectName(QStringLiteral("consoleFormFields"));
    m_bodyStack->addWidget(m_formFields);
    auto *filePage = new QWidget(m_bodyStack);
    auto *fileRow = new QHBoxLayout(filePage);
    m_bodyFile = new QLineEdit(filePage);
    m_bodyFile->setObjectName(QStringLiteral("consoleBodyFile"));
    m_bodyFile->setPlaceholderText(tr("a file's path, relative to the project or absolute"));
    fileRow->addWidget(m_bodyFile, 1);
    auto *browse = new QToolButton(filePage);
    browse->setText(tr("Browse…"));
    fileRow->addWidget(browse);
    fileRow->setAlignment(Qt::AlignTop);
    m_bodyStack->addWidget(filePage);
    bodyLayout->addWidget(m_bodyStack, 1);
    m_requestTabs->addTab(body, tr("Body"));
    connect(m_bodyMode, qOverload<int>(&QComboBox::currentIndexChanged), this, &RequestConsole::onBodyModeChanged);
    connect(format, &QToolButton::clicked, this, &RequestConsole::formatBody);
    connect(browse, &QToolButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Body file"), m_document->baseDir());
        if (!path.isEmpty())
            m_bodyFile->setText(path);
    });

    auto *options = new QWidget(m_requestTabs);
    auto *optionsForm = new QFormLayout(options);
    // Short labels (the dock is narrow); what each does in its tooltip.
    m_compressed = new QCheckBox(tr("Compressed answer"), options);
    m_compressed->setToolTip(tr("Ask for gzip or deflate and decode the answer (curl --compressed)"));
    m_insecure = new QCheckBox(tr("Any TLS issuer"), options);
    m_insecure->setToolTip(tr("Accept a certificate from any issuer; expiry and name are still checked (curl -k)"));
    m_follow = new QCheckBox(tr("Follow redirects"), options);
    m_follow->setToolTip(tr("Follow 3xx answers as curl -L does"));
    m_timeout = new QSpinBox(options);
    m_timeout->setRange(50, 600000);
    m_timeout->setSingleStep(1000);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setValue(30000);
    optionsForm->addRow(m_compressed);
    optionsForm->addRow(m_insecure);
    optionsForm->addRow(m_follow);
    optionsForm->addRow(tr("Timeout"), m_timeout);
    m_requestTabs->addTab(options, tr("Options"));
    layout->addWidget(m_requestTabs, 1);

    auto *actions = new QHBoxLayout;
    auto *save = new QPushButton(tr("Save"), into);
    save->setObjectName(QStringLiteral("consoleSave"));
    save->setToolTip(tr("Save the request in the project's collection (then save the project)"));
    auto *copyCurl = new QPushButton(tr("Copy as curl"), into);
    copyCurl->setObjectName(QStringLiteral("consoleCopyCurl"));
    auto *paste = new QPushButton(tr("Paste curl"), into);
    paste->setObjectName(QStringLiteral("consolePasteCurl"));
    paste->setToolTip(tr("Read the clipboard's curl command line into the request"));
    actions->addWidget(save);
    actions->addWidget(copyCurl);
    actions->addWidget(paste);
    actions->addStretch(1);
    layout->addLayout(actions);
    connect(copyCurl, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(curlCommand());
        emit message(tr("Copied the request as a curl command line"));
    });
    connect(paste, &QPushButton::clicked, this, [this] {
        QString error;
        if (!pasteCurl(QApplication::clipboard()->text(), &error))
            showProblem(error);
    });
    connect(save, &QPushButton::clicked, this, [this] {
        QString name, folder;
        if (m_savedAs == kNoItem) {
            bool ok = false;
            ConsoleRequest r = currentRequest();
            const QString suggested = qs(r.method) + QLatin1Char(' ') + QUrl(m_url->text()).path();
            const QString typed = QInputDialog::getText(this, tr("Save request"),
                                                        tr("Name (use folder/name to put it in a folder):"), QLineEdit::Normal,
                                                        suggested, &ok);
            if (!ok || typed.trimmed().isEmpty())
                return;
            const int slash = typed.lastIndexOf(QLatin1Char('/'));
            name = typed.mid(slash + 1).trimmed();
            folder = slash < 0 ? QString() : typed.left(slash).trimmed();
        }
        QString error;
        if (!saveToCollection(name, folder, &error))
            showProblem(error);
    });
}

void RequestConsole::buildResponseView(QWidget *into)
{
    auto *layout = new QVBoxLayout(into);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *head = new QHBoxLayout;
    m_status = new QLabel(tr("No request sent yet"), into);
    m_status->setObjectName(QStringLiteral("consoleStatus"));
    m_status->setTextFormat(Qt::RichText);
    head->addWidget(m_status);
    head->addStretch(1);
    m_showInTraffic = new QPushButton(tr("Show in Traffic"), into);
    m_showInTraffic->setObjectName(QStringLiteral("consoleShowInTraffic"));
    m_showInTraffic->setToolTip(tr("Select this request's row in the Traffic panel: its trace, access-log entry and logs"));
    m_showInTraffic->setEnabled(false);
    head->addWidget(m_showInTraffic);
    layout->addLayout(head);
    m_timings = new QLabel(into);
    m_timings->setObjectName(QStringLiteral("consoleTimings"));
    m_timings->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_timings);
    auto *tabs = new QTabWidget(into);
    tabs->setDocumentMode(true);
    auto *bodyPage = new QWidget(tabs);
    auto *bodyLayout = new QVBoxLayout(bodyPage);
    bodyLayout->setContentsMargins(0, 2, 0, 0);
    m_bodySearch = new QLineEdit(bodyPage);
    m_bodySearch->setObjectName(QStringLiteral("consoleBodySearch"));
    m_bodySearch->setPlaceholderText(tr("Find in the body (Enter: next)"));
    m_bodySearch->setClearButtonEnabled(true);
    bodyLayout->addWidget(m_bodySearch);
    m_responseBody = new QPlainTextEdit(bodyPage);
    m_responseBody->setObjectName(QStringLiteral("consoleResponseBody"));
    m_responseBody->setReadOnly(true);
    m_responseBody->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_responseBody->setLineWrapMode(QPlainTextEdit::NoWrap);
    bodyLayout->addWidget(m_responseBody, 1);
    tabs->addTab(bodyPage, tr("Body"));
    m_responseHeaders = new QTableWidget(0, 2, tabs);
    m_responseHeaders->setObjectName(QStringLiteral("consoleResponseHeaders"));
    m_responseHeaders->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_responseHeaders->horizontalHeader()->setStretchLastSection(true);
    m_responseHeaders->verticalHeader()->hide();
    m_responseHeaders->setEditTriggers(QAbstractItemView::NoEditTriggers);
    tabs->addTab(m_responseHeaders, tr("Headers"));
    layout->addWidget(tabs, 1);
    connect(m_bodySearch, &QLineEdit::returnPressed, this, &RequestConsole::findInBody);
    connect(m_bodySearch, &QLineEdit::textChanged, this, [this] {
        m_responseBody->moveCursor(QTextCursor::Start);
        findInBody();
    });
    connect(m_showInTraffic, &QPushButton::clicked, this, [this] {
        emit showInTrafficRequested(m_lastResponse.requestId(), m_lastResponse.sentAtMs);
    });
}

void RequestConsole::buildLoadView(QWidget *into)
{
    auto *layout = new QVBoxLayout(into);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *form = new QFormLayout;
    m_loadMode = new QComboBox(into);
    m_loadMode->addItem(tr("A number of requests"));
    m_loadMode->addItem(tr("For a duration"));
    m_loadRequests = new QSpinBox(into);
    m_loadRequests->setObjectName(QStringLiteral("loadRequests"));
    m_loadRequests->setRange(1, 10'000'000);
    m_loadRequests->setValue(1000);
    m_loadDuration = new QSpinBox(into);
    m_loadDuration->setRange(1, 3600);
    m_loadDuration->setValue(10);
    m_loadDuration->setSuffix(tr(" s"));
    m_loadDuration->setEnabled(false);
    m_loadConcurrency = new QSpinBox(into);
    m_loadConcurrency->setObjectName(QStringLiteral("loadConcurrency"));
    m_loadConcurrency->setRange(1, 256);
    m_loadConcurrency->setValue(8);
    m_loadRate = new QDoubleSpinBox(into);
    m_loadRate->setRange(0, 1'000'000);
    m_loadRate->setDecimals(1);
    m_loadRate->setSpecialValueText(tr("as fast as it answers"));
    m_loadRate->setSuffix(tr(" req/s"));
    form->addRow(tr("Run"), m_loadMode);
    form->addRow(tr("Requests"), m_loadRequests);
    form->addRow(tr("Duration"), m_loadDuration);
    form->addRow(tr("Concurrency"), m_loadConcurrency);
    form->addRow(tr("Target rate"), m_loadRate);
    layout->addLayout(form);
    connect(m_loadMode, qOverload<int>(&QComboBox::currentIndexChanged), this, [this](int mode) {
        m_loadRequests->setEnabled(mode == 0);
        m_loadDuration->setEnabled(mode == 1);
    });
    auto *buttons = new QHBoxLayout;
    m_loadStart = new QPushButton(tr("Start"), into);
    m_loadStart->setObjectName(QStringLiteral("loadStart"));
    m_loadStart->setToolTip(tr("Send the request above this many times; the window stays usable"));
    m_loadStop = new QPushButton(tr("Stop"), into);
    m_loadStop->setObjectName(QStringLiteral("loadStop"));
    m_loadStop->setEnabled(false);
    m_loadProgress = new QProgressBar(into);
    m_loadProgress->setObjectName(QStringLiteral("loadProgress"));
    m_loadProgress->setRange(0, 1000);
    m_loadProgress->setValue(0);
    buttons->addWidget(m_loadStart);
    buttons->addWidget(m_loadStop);
    buttons->addWidget(m_loadProgress, 1);
    layout->addLayout(buttons);
    m_histogram = new LatencyHistogramView(into);
    layout->addWidget(m_histogram, 1);
    m_loadCounts = new QLabel(into);
    m_loadCounts->setObjectName(QStringLiteral("loadCounts"));
    m_loadCounts->setTextFormat(Qt::RichText);
    m_loadCounts->setWordWrap(true);
    m_loadCounts->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_loadCounts);
    connect(m_loadStart, &QPushButton::clicked, this, [this] {
        QString error;
        if (!startLoadRun(&error))
            showProblem(error);
    });
    connect(m_loadStop, &QPushButton::clicked, this, &RequestConsole::stopLoadRun);
    auto show = [this](const LoadRunSnapshot &s) {
        const qint64 plan = s.planned;
        const double share = plan > 0 ? double(s.completed) / double(plan)
                                      : std::min(1.0, s.elapsedMs / std::max(1, s.durationMs));
        m_loadProgress->setValue(int(share * 1000));
        m_histogram->setSnapshot(s);
        QStringList classes;
        for (const auto &[status, count] : s.statuses) {
            const bool loud = status == 429 || status >= 500;
            classes << (loud ? QStringLiteral("<b style='color:%1'>%2 × %3</b>")
                             : QStringLiteral("<span style='color:%1'>%2 × %3</span>"))
                           .arg(statusColour(status))
                           .arg(status)
                           .arg(count);
        }
        if (s.failures)
            classes << QStringLiteral("<b style='color:#c62828'>%1 without an answer</b> (%2)").arg(s.failures).arg(s.firstFailure.toHtmlEscaped());
        m_loadCounts->setText(tr("%1 of %2 done · %3 req/s · p50 %4 · p90 %5 · p99 %6 · max %7%8<br>%9")
                                  .arg(s.completed)
                                  .arg(plan > 0 ? QString::number(plan) : tr("%1 s").arg(s.durationMs / 1000))
                                  .arg(s.requestsPerSecond(), 0, 'f', 1)
                                  .arg(formatMicros(s.p50Us), formatMicros(s.p90Us), formatMicros(s.p99Us), formatMicros(s.maxUs))
                                  .arg(s.finished ? (s.stopped ? tr(" · stopped") : tr(" · finished")) : QString())
                                  .arg(classes.join(QStringLiteral(" · "))));
    };
    connect(m_load, &LoadGenerator::progress, this, show);
    connect(m_load, &LoadGenerator::finished, this, [this, show](const LoadRunSnapshot &s) {
        show(s);
        m_loadStart->setEnabled(true);
        m_loadStop->setEnabled(false);
        // The summary goes beside the saved request it ran (one undo step), as the issue asks.
        if (m_loadFor != kNoItem) {
            Project edited = m_document->project();
            if (ConsoleRequest *saved = edited.console.findRequest(m_loadFor)) {
                saved->lastLoadRun = s.summary(m_load->settings(), m_loadStartedAt);
                QString error;
                if (!m_document->apply(edited, tr("Keep the load run's summary"), &error))
                    emit message(error);
            }
        }
        emit message(tr("Load run %1: %2 requests in %3 s").arg(s.stopped ? tr("stopped") : tr("finished")).arg(s.completed).arg(s.elapsedMs / 1000, 0, 'f', 1));
    });
}

void RequestConsole::buildCollectionView(QWidget *into)
{
    auto *layout = new QHBoxLayout(into);
    layout->setContentsMargins(2, 2, 2, 2);
    auto *savedBox = new QWidget(into);
    auto *savedLayout = new QVBoxLayout(savedBox);
    savedLayout->setContentsMargins(0, 0, 0, 0);
    savedLayout->addWidget(new QLabel(tr("Saved in the project"), savedBox));
    m_collection = new QTreeWidget(savedBox);
    m_collection->setObjectName(QStringLiteral("consoleCollection"));
    m_collection->setHeaderHidden(true);
    m_collection->setContextMenuPolicy(Qt::CustomContextMenu);
    savedLayout->addWidget(m_collection, 1);
    auto *historyBox = new QWidget(into);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    historyLayout->addWidget(new QLabel(tr("History (newest first)"), historyBox));
    m_historySearch = new QLineEdit(historyBox);
    m_historySearch->setObjectName(QStringLiteral("consoleHistorySearch"));
    m_historySearch->setPlaceholderText(tr("Search the history"));
    m_historySearch->setClearButtonEnabled(true);
    historyLayout->addWidget(m_historySearch);
    m_historyList = new QListWidget(historyBox);
    m_historyList->setObjectName(QStringLiteral("consoleHistory"));
    m_historyList->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    historyLayout->addWidget(m_historyList, 1);
    layout->addWidget(savedBox, 1);
    layout->addWidget(historyBox, 1);
    connect(m_historySearch, &QLineEdit::textChanged, this, &RequestConsole::refreshHistory);
    connect(m_collection, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const ItemId id = item->data(0, kRoleItem).toULongLong();
        if (const ConsoleRequest *r = m_document->project().console.findRequest(id))
            loadRequest(*r, id);
    });
    connect(m_collection, &QTreeWidget::customContextMenuRequested, this, [this](const QPoint &at) {
        QTreeWidgetItem *item = m_collection->itemAt(at);
        const ItemId id = item ? item->data(0, kRoleItem).toULongLong() : kNoItem;
        if (id == kNoItem)
            return;
        QMenu menu(this);
        menu.addAction(tr("Open"), this, [this, id] {
            if (const ConsoleRequest *r = m_document->project().console.findRequest(id))
                loadRequest(*r, id);
        });
        menu.addAction(tr("Delete"), this, [this, id] { deleteSaved(id); });
        menu.exec(m_collection->viewport()->mapToGlobal(at));
    });
    connect(m_historyList, &QListWidget::itemActivated, this, [this](QListWidgetItem *item) {
        const size_t index = item->data(kRoleItem).toULongLong();
        if (index < m_history->entries().size())
            loadRequest(m_history->entries()[index].request); // a copy: saving makes a new entry
    });
}

void RequestConsole::refreshTargets()
{
    const Project &p = m_document->project();
    m_target->clear();
    m_target->addItem(tr("Pick a route or method…"));
    for (const Api &api : p.apis) {
        if (api.apiType() == ApiType::WebSocket)
            continue; // the WebSockets tab has its own client
        std::vector<std::string> stages;
        for (const Stage &s : api.stages)
            stages.push_back(s.name);
        if (stages.empty())
            stages.push_back(api.apiType() == ApiType::Rest ? "dev" : "$default");
        std::vector<std::pair<std::string, std::string>> keys; // route label, routeKey
        if (api.apiType() == ApiType::Rest) {
            for (const RestResource &resource : api.rest()->resources)
                for (const RestMethod &method : resource.methods)
                    keys.push_back({method.httpMethod + " " + resource.path, method.httpMethod + " " + resource.path});
        } else {
            for (const Route &route : api.routes())
                keys.push_back({route.routeKey, route.routeKey});
        }
        for (const std::string &stage : stages)
            for (const auto &[label, key] : keys) {
                const QString text = QStringLiteral("%1 · %2 · %3").arg(qs(api.name.empty() ? api.id : api.name), qs(stage), qs(label));
                m_target->addItem(text, QStringList{qs(api.id), qs(stage), qs(key)});
            }
    }
}

void RequestConsole::onTargetPicked(int index)
{
    const QStringList parts = m_target->itemData(index).toStringList();
    if (parts.size() != 3)
        return;
    ConsoleRequest r = currentRequest();
    r.api = ss(parts[0]);
    r.stage = ss(parts[1]);
    r.route = ss(parts[2]);
    std::string method;
    std::string path = pathOfRouteKey(r.route, &method);
    if (r.route == "$default") {
        method = "GET";
        path = "/";
    }
    r.method = method;
    r.url = "{{baseUrl}}" + (path == "/" ? std::string() : path);
    // Path parameters the route declares become fields (kept when the request already had them).
    std::map<std::string, std::string> params;
    static const QRegularExpression names(QStringLiteral("\\{([^}+]+)\\+?\\}"));
    for (auto it = names.globalMatch(qs(path)); it.hasNext();) {
        const std::string name = ss(it.next().captured(1));
        params[name] = r.pathParameters.count(name) ? r.pathParameters[name] : std::string();
    }
    r.pathParameters = params;
    if ((method == "POST" || method == "PUT" || method == "PATCH") && r.bodyMode == "none") {
        r.bodyMode = "json";
        r.body = "{}";
    }
    r.name = method + " " + path;
    loadRequest(r, kNoItem);
    m_target->setCurrentIndex(index);
}

bool RequestConsole::loadRoute(ItemId id)
{
    const Project &p = m_document->project();
    const Api *api = apiOfItem(p, id);
    if (!api)
        return false;
    std::string key;
    if (const Route *route = findRouteItem(p, id))
        key = route->routeKey;
    else {
        const RestResource *resource = nullptr;
        const RestMethod *method = findMethodItem(p, id, &resource);
        if (!method || !resource)
            return false;
        key = method->httpMethod + " " + resource->path;
    }
    for (int i = 1; i < m_target->count(); ++i) {
        const QStringList parts = m_target->itemData(i).toStringList();
        if (parts.size() == 3 && parts[0] == qs(api->id) && parts[2] == qs(key)) {
            onTargetPicked(i);
            return true;
        }
    }
    return false;
}

bool RequestConsole::loadCaptured(const AccessLogEntry &entry)
{
    if (!entry.capture || !entry.capture->request.present || entry.capture->request.startLine.isEmpty())
        return false;
    const CapturedMessage &sent = entry.capture->request;
    const QList<QByteArray> line = sent.startLine.split(' ');
    ConsoleRequest r;
    r.method = line.value(0, "GET").toStdString();
    QByteArray host = "127.0.0.1";
    std::string contentType;
    if (const QByteArray given = headerValue(sent.headers, "host"); !given.isEmpty())
        host = given;
    contentType = headerValue(sent.headers, "content-type").toLower().toStdString();
    for (const HttpHeader &h : sent.headers)
        if (!isTransportHeader(h.name))
            r.headers.push_back({h.name.toStdString(), h.value.toStdString()});
    r.url = "http://" + host.toStdString() + line.value(1, "/").toStdString();
    if (!sent.body.isEmpty()) {
        r.bodyMode = contentType.find("json") != std::string::npos ? "json" : "raw";
        r.body = sent.body.toStdString();
    }
    r.name = r.method + " " + line.value(1, "/").toStdString();
    r.api = entry.apiId.toStdString();
    r.stage = entry.stage.toStdString();
    loadRequest(r, kNoItem);
    if (sent.truncated())
        showProblem(tr("The logged body was cut at the capture limit: the body here is its first %1").arg(sizeText(sent.body.size())));
    return true;
}

ConsoleRequest RequestConsole::currentRequest() const
{
    ConsoleRequest r = m_picked;
    r.method = ss(m_method->currentText().trimmed().toUpper());
    r.url = ss(m_url->text().trimmed());
    r.pathParameters.clear();
    for (const ConsoleField &f : m_pathParams->fields())
        r.pathParameters[f.name] = f.value;
    r.headers = m_headers->fields();
    r.auth = ConsoleAuth{};
    r.auth.type = ss(m_authType->currentData().toString());
    if (r.auth.type == "apiKey") {
        r.auth.headerName = ss(m_apiKeyHeader->text().trimmed());
        r.auth.value = ss(m_apiKeyValue->text());
    } else if (r.auth.type == "bearer") {
        r.auth.value = ss(m_bearer->text().trimmed());
    } else if (r.auth.type == "basic") {
        r.auth.username = ss(m_basicUser->text());
        r.auth.password = ss(m_basicPassword->text());
    } else if (r.auth.type == "sigv4") {
        r.auth.username = ss(m_sigAccessKey->text().trimmed());
        r.auth.password = ss(m_sigSecret->text().trimmed());
        r.auth.sessionToken = ss(m_sigToken->text().trimmed());
        r.auth.region = ss(m_sigRegion->text().trimmed());
        r.auth.service = ss(m_sigService->text().trimmed());
    }
    r.bodyMode = ss(m_bodyMode->currentData().toString());
    r.body.clear();
    r.formFields.clear();
    r.bodyFile.clear();
    if (r.bodyMode == "raw" || r.bodyMode == "json")
        r.body = ss(m_bodyText->text());
    else if (r.bodyMode == "form" || r.bodyMode == "multipart") {
        r.formFields = m_formFields->fields();
        if (r.bodyMode == "form")
            for (ConsoleField &f : r.formFields)
                f.file = false;
    } else if (r.bodyMode == "binary")
        r.bodyFile = ss(m_bodyFile->text().trimmed());
    r.compressed = m_compressed->isChecked();
    r.insecure = m_insecure->isChecked();
    r.followRedirects = m_follow->isChecked();
    r.timeoutMs = m_timeout->value();
    return r;
}

void RequestConsole::loadRequest(const ConsoleRequest &r, ItemId savedAs)
{
    m_syncing = true;
    m_savedAs = savedAs;
    m_picked = r;
    m_picked.headers.clear();
    m_method->setCurrentText(qs(r.method));
    m_url->setText(qs(r.url));
    std::vector<ConsoleField> params;
    for (const auto &[name, value] : r.pathParameters)
        params.push_back({name, value});
    m_pathParams->setFields(params);
    m_headers->setFields(r.headers);
    const int auth = m_authType->findData(qs(r.auth.type));
    m_authType->setCurrentIndex(auth < 0 ? 0 : auth);
    m_apiKeyHeader->setText(qs(r.auth.headerName.empty() ? std::string("x-api-key") : r.auth.headerName));
    m_apiKeyValue->setText(r.auth.type == "apiKey" ? qs(r.auth.value) : QString());
    m_bearer->setText(r.auth.type == "bearer" ? qs(r.auth.value) : QString());
    m_basicUser->setText(r.auth.type == "basic" ? qs(r.auth.username) : QString());
    m_basicPassword->setText(r.auth.type == "basic" ? qs(r.auth.password) : QString());
    m_sigAccessKey->setText(r.auth.type == "sigv4" ? qs(r.auth.username) : QString());
    m_sigSecret->setText(r.auth.type == "sigv4" ? qs(r.auth.password) : QString());
    m_sigToken->setText(qs(r.auth.sessionToken));
    m_sigRegion->setText(qs(r.auth.region));
    m_sigService->setText(qs(r.auth.service));
    const int mode = m_bodyMode->findData(qs(r.bodyMode));
    m_bodyMode->setCurrentIndex(mode < 0 ? 0 : mode);
    m_bodyText->setText(qs(r.body));
    m_formFields->setFields(r.formFields);
    m_bodyFile->setText(qs(r.bodyFile));
    m_compressed->setChecked(r.compressed);
    m_insecure->setChecked(r.insecure);
    m_follow->setChecked(r.followRedirects);
    m_timeout->setValue(r.timeoutMs);
    onBodyModeChanged();
    onAuthTypeChanged();
    m_syncing = false;
    onUrlEdited();
    m_problem->hide();
    if (savedAs == kNoItem)
        m_collection->clearSelection();
}

bool RequestConsole::pasteCurl(const QString &line, QString *error)
{
    const CurlParseResult parsed = parseCurlCommand(ss(line.trimmed()));
    if (!parsed.ok) {
        *error = tr("Not read as curl: %1").arg(qs(parsed.error));
        return false;
    }
    loadRequest(parsed.request, kNoItem);
    if (!parsed.warnings.empty()) {
        QStringList w;
        for (const std::string &s : parsed.warnings)
            w << qs(s);
        m_problem->setStyleSheet(QStringLiteral("color: #ef6c00"));
        m_problem->setText(tr("Read, with notes: %1").arg(w.join(QStringLiteral("; "))));
        m_problem->show();
    }
    emit message(tr("Read the curl command line into the request"));
    return true;
}

ConsoleVariables RequestConsole::variables(const ConsoleRequest &request) const
{
    ConsoleVariables out;
    const Project &p = m_document->project();
    if (const ConsoleEnvironment *env = p.console.findEnvironment(p.console.activeEnvironment))
        out = env->variables;
    if (!out.count("baseUrl")) {
        // The running gateway's URL for the request's API and stage; the designed port when stopped.
        const Api *api = request.api.empty() ? nullptr : p.findApi(request.api);
        if (!api)
            for (const Api &a : p.apis)
                if (a.apiType() != ApiType::WebSocket) {
                    api = &a;
                    break;
                }
        if (api) {
            std::string stage = request.stage;
            if (stage.empty())
                stage = api->stages.empty() ? "$default" : api->stages.front().name;
            QString url = m_controller->urlOf(qs(api->id), qs(stage));
            if (url.isEmpty())
                url = QStringLiteral("http://127.0.0.1:%1%2").arg(api->port).arg(stage == "$default" ? QString() : QLatin1Char('/') + qs(stage));
            out["baseUrl"] = ss(url);
        }
    }
    return out;
}

QString RequestConsole::curlCommand() const
{
    const ConsoleRequest r = currentRequest();
    return qs(curlCommandFor(substitutedRequest(r, variables(r))));
}

ConsoleWireRequest RequestConsole::wireForCurrent(QString *problem) const
{
    const ConsoleRequest r = currentRequest();
    std::set<std::string> unresolved;
    const ConsoleRequest s = substitutedRequest(r, variables(r), &unresolved);
    if (!unresolved.empty()) {
        QStringList names;
        for (const std::string &n : unresolved)
            names << QStringLiteral("{{%1}}").arg(qs(n));
        *problem = tr("No value for %1 in the environment%2").arg(names.join(QStringLiteral(", ")),
            m_document->project().console.activeEnvironment.empty() ? tr(" (none is active)") : QString());
        return {};
    }
    static const QRegularExpression unfilled(QStringLiteral("\\{[A-Za-z0-9_.-]+\\+?\\}"));
    const QString path = QUrl(qs(s.url)).path();
    if (const auto m = unfilled.match(path); m.hasMatch()) {
        *problem = tr("The path parameter %1 has no value (Params tab)").arg(m.captured(0));
        return {};
    }
    ConsoleWireRequest wire = wireRequestFor(s, m_document->baseDir(), QDateTime::currentMSecsSinceEpoch());
    if (!wire.ok())
        *problem = qs(wire.problems.front());
    return wire;
}

void RequestConsole::send()
{
    if (m_sender->busy())
        return;
    QString problem;
    const ConsoleWireRequest wire = wireForCurrent(&problem);
    if (!problem.isEmpty()) {
        showProblem(problem);
        return;
    }
    m_problem->hide();
    m_sentRequest = currentRequest();
    const ConsoleRequest &r = m_sentRequest;
    m_status->setText(tr("Sending…"));
    m_send->setText(tr("Cancel"));
    m_sender->send(wire, r.timeoutMs, r.insecure, r.followRedirects, r.compressed);
}

void RequestConsole::showResponse(const ConsoleResponse &response)
{
    m_lastResponse = response;
    m_send->setText(tr("Send"));
    m_responseTabs->setCurrentIndex(0);
    const HttpClientTimings &t = response.timings;
    if (!response.ok) {
        m_status->setText(QStringLiteral("<b style='color:#c62828'>%1</b>").arg(response.error.toHtmlEscaped()));
        m_timings->setText(t.totalNs ? tr("after %1").arg(msText(t.totalNs)) : QString());
        m_responseBody->clear();
        m_responseHeaders->setRowCount(0);
        m_showInTraffic->setEnabled(false);
    } else {
        m_status->setText(QStringLiteral("<b style='color:%1'>%2 %3</b> · %4 · %5%6")
                              .arg(statusColour(response.status))
                              .arg(response.status)
                              .arg(QString::fromLatin1(reasonPhrase(response.status)).toHtmlEscaped())
                              .arg(msText(t.totalNs))
                              .arg(sizeText(response.body.size()))
                              .arg(response.wireBodyBytes != response.body.size()
                                       ? tr(" (%1 on the wire)").arg(sizeText(response.wireBodyBytes))
                                       : QString()));
        QStringList parts;
        parts << (t.reusedConnection ? tr("connection reused") : tr("connect %1").arg(msText(t.connectNs)));
        parts << tr("first byte %1").arg(msText(t.firstByteNs)) << tr("total %1").arg(msText(t.totalNs));
        if (response.redirects)
            parts << tr("%n redirect(s)", nullptr, response.redirects);
        if (!response.error.isEmpty())
            parts << response.error;
        m_timings->setText(parts.join(QStringLiteral(" · ")));
        // Pretty JSON when it is JSON; text otherwise; binary shown as its size.
        const QByteArray type = response.header("content-type").toLower();
        QJsonParseError jsonError{};
        const QJsonDocument json = QJsonDocument::fromJson(response.body, &jsonError);
        QString text;
        if (jsonError.error == QJsonParseError::NoError && !response.body.isEmpty())
            text = QString::fromUtf8(json.toJson(QJsonDocument::Indented));
        else {
            QStringDecoder utf8(QStringDecoder::Utf8);
            text = utf8.decode(response.body);
            if (utf8.hasError())
                text = tr("(%1 of binary content, %2)").arg(sizeText(response.body.size()), QString::fromLatin1(type));
        }
        m_responseBody->setPlainText(text);
        m_responseHeaders->setRowCount(int(response.headers.size()));
        for (int i = 0; i < int(response.headers.size()); ++i) {
            m_responseHeaders->setItem(i, 0, new QTableWidgetItem(QString::fromLatin1(response.headers[size_t(i)].name)));
            m_responseHeaders->setItem(i, 1, new QTableWidgetItem(QString::fromUtf8(response.headers[size_t(i)].value)));
        }
        m_showInTraffic->setEnabled(!response.requestId().isEmpty());
    }
    if (response.error == tr("Cancelled"))
        return;
    ConsoleHistoryEntry entry;
    entry.request = m_sentRequest;
    entry.sentAt = QDateTime::fromMSecsSinceEpoch(response.sentAtMs);
    entry.status = response.ok ? response.status : 0;
    entry.error = response.ok ? QString() : response.error;
    entry.totalMs = t.totalNs / 1e6;
    m_history->add(std::move(entry));
    refreshHistory();
}

void RequestConsole::showProblem(const QString &text)
{
    m_problem->setStyleSheet(QStringLiteral("color: #c62828"));
    m_problem->setText(text);
    m_problem->setVisible(!text.isEmpty());
}

void RequestConsole::onUrlEdited()
{
    if (m_syncing)
        return;
    m_syncing = true;
    // The query table shows the URL's query; the path parameters follow the {names} in its path.
    const QString url = m_url->text();
    const int q = url.indexOf(QLatin1Char('?'));
    std::vector<ConsoleField> query;
    if (q >= 0) {
        const QString rest = url.mid(q + 1).section(QLatin1Char('#'), 0, 0);
        for (const QString &pair : rest.split(QLatin1Char('&'), Qt::SkipEmptyParts)) {
            const int eq = pair.indexOf(QLatin1Char('='));
            query.push_back({ss(eq < 0 ? pair : pair.left(eq)), ss(eq < 0 ? QString() : pair.mid(eq + 1))});
        }
    }
    // Switched-off rows are not in the URL: keep them.
    for (const ConsoleField &f : m_query->fields())
        if (!f.enabled)
            query.push_back(f);
    m_query->setFields(query);
    syncPathParameters();
    m_syncing = false;
}

void RequestConsole::syncPathParameters()
{
    // {name} and {name+}, not the {{variables}} around them.
    static const QRegularExpression names(QStringLiteral("(?<!\\{)\\{([A-Za-z0-9_.-]+)\\+?\\}(?!\\})"));
    std::map<std::string, std::string> known;
    for (const ConsoleField &f : m_pathParams->fields())
        known[f.name] = f.value;
    for (const auto &[name, value] : m_picked.pathParameters)
        if (!known.count(name))
            known[name] = value;
    std::vector<ConsoleField> now;
    const QString path = m_url->text().section(QLatin1Char('?'), 0, 0);
    for (auto it = names.globalMatch(path); it.hasNext();) {
        const std::string name = ss(it.next().captured(1));
        if (std::none_of(now.begin(), now.end(), [&](const ConsoleField &f) { return f.name == name; }))
            now.push_back({name, known.count(name) ? known[name] : std::string()});
    }
    m_pathParams->setFields(now);
    // Only a URL with {name} in its path has path parameters to fill in.
    m_pathParams->setVisible(!now.empty());
    m_pathParamsLabel->setVisible(!now.empty());
}

void RequestConsole::onQueryEdited()
{
    if (m_syncing)
        return;
    m_syncing = true;
    QString url = m_url->text();
    const int q = url.indexOf(QLatin1Char('?'));
    if (q >= 0)
        url.truncate(q);
    QStringList pairs;
    for (const ConsoleField &f : m_query->fields())
        if (f.enabled)
            pairs << (f.value.empty() && f.name.empty() ? QString() : qs(f.name) + QLatin1Char('=') + qs(f.value));
    pairs.removeAll(QString());
    if (!pairs.isEmpty())
        url += QLatin1Char('?') + pairs.join(QLatin1Char('&'));
    m_url->setText(url);
    m_syncing = false;
}

void RequestConsole::onAuthTypeChanged() { m_authStack->setCurrentIndex(std::max(0, m_authType->currentIndex())); }

void RequestConsole::onBodyModeChanged()
{
    const QString mode = m_bodyMode->currentData().toString();
    int page = 0;
    if (mode == QLatin1String("raw") || mode == QLatin1String("json"))
        page = 1;
    else if (mode == QLatin1String("form") || mode == QLatin1String("multipart"))
        page = 2;
    else if (mode == QLatin1String("binary"))
        page = 3;
    m_bodyStack->setCurrentIndex(page);
    m_formFields->setFileColumnVisible(mode == QLatin1String("multipart"));
}

void RequestConsole::formatBody()
{
    QJsonParseError error{};
    const QJsonDocument json = QJsonDocument::fromJson(m_bodyText->text().toUtf8(), &error);
    if (error.error != QJsonParseError::NoError) {
        showProblem(tr("The body is not JSON: %1 at character %2").arg(error.errorString()).arg(error.offset));
        return;
    }
    m_problem->hide();
    m_bodyText->setText(QString::fromUtf8(json.toJson(QJsonDocument::Indented)).trimmed());
}

void RequestConsole::findInBody()
{
    const QString needle = m_bodySearch->text();
    if (needle.isEmpty())
        return;
    if (!m_responseBody->find(needle)) {
        m_responseBody->moveCursor(QTextCursor::Start); // wrap around
        m_responseBody->find(needle);
    }
}

bool RequestConsole::saveToCollection(const QString &name, const QString &folder, QString *error)
{
    Project edited = m_document->project();
    ConsoleRequest r = currentRequest();
    if (m_savedAs != kNoItem) {
        ConsoleRequest *saved = edited.console.findRequest(m_savedAs);
        if (saved) {
            r.itemId = saved->itemId;
            r.name = name.isEmpty() ? saved->name : ss(name);
            r.folder = name.isEmpty() ? saved->folder : ss(folder);
            r.lastLoadRun = saved->lastLoadRun;
            *saved = r;
            if (!m_document->apply(edited, tr("Save request %1").arg(qs(r.name)), error))
                return false;
            emit message(tr("Saved %1 in the collection").arg(qs(r.name)));
            return true;
        }
    }
    r.itemId = newItemId();
    r.name = ss(name.isEmpty() ? qs(r.method) + QLatin1Char(' ') + QUrl(qs(r.url)).path() : name);
    r.folder = ss(folder);
    r.lastLoadRun.reset();
    edited.console.requests.push_back(r);
    if (!m_document->apply(edited, tr("Save request %1").arg(qs(r.name)), error))
        return false;
    m_savedAs = r.itemId;
    emit message(tr("Saved %1 in the collection").arg(qs(r.name)));
    return true;
}

void RequestConsole::deleteSaved(ItemId id)
{
    Project edited = m_document->project();
    auto &requests = edited.console.requests;
    const auto it = std::find_if(requests.begin(), requests.end(), [&](const ConsoleRequest &r) { return r.itemId == id; });
    if (it == requests.end())
        return;
    const QString name = qs(it->name);
    requests.erase(it);
    QString error;
    if (!m_document->apply(edited, tr("Delete request %1").arg(name), &error))
        emit message(error);
    if (m_savedAs == id)
        m_savedAs = kNoItem;
}

void RequestConsole::refreshCollection()
{
    m_collection->clear();
    std::map<QString, QTreeWidgetItem *> folders;
    std::function<QTreeWidgetItem *(const QString &)> folderItem = [&](const QString &path) -> QTreeWidgetItem * {
        if (path.isEmpty())
            return nullptr;
        if (auto it = folders.find(path); it != folders.end())
            return it->second;
        const int slash = path.lastIndexOf(QLatin1Char('/'));
        QTreeWidgetItem *parent = folderItem(slash < 0 ? QString() : path.left(slash));
        auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_collection);
        item->setText(0, path.mid(slash + 1));
        item->setIcon(0, style()->standardIcon(QStyle::SP_DirIcon));
        folders[path] = item;
        return item;
    };
    for (const ConsoleRequest &r : m_document->project().console.requests) {
        QTreeWidgetItem *parent = folderItem(qs(r.folder));
        auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(m_collection);
        item->setText(0, qs(r.name));
        QString tip = qs(r.method + " " + r.url);
        if (r.lastLoadRun)
            tip += QStringLiteral("\n") + tr("Last load run: %1").arg(qs(r.lastLoadRun->dump()));
        item->setToolTip(0, tip);
        item->setData(0, kRoleItem, QVariant::fromValue<qulonglong>(r.itemId));
        if (r.itemId == m_savedAs)
            m_collection->setCurrentItem(item);
    }
    m_collection->expandAll();
    if (m_collection->topLevelItemCount() == 0) {
        auto *hint = new QTreeWidgetItem(m_collection);
        hint->setText(0, tr("Nothing saved yet: Save keeps the request here"));
        hint->setFlags(Qt::NoItemFlags);
    }
}

void RequestConsole::refreshHistory()
{
    m_historyList->clear();
    const auto &entries = m_history->entries();
    for (size_t index : m_history->search(m_historySearch->text())) {
        const ConsoleHistoryEntry &e = entries[index];
        auto *item = new QListWidgetItem(QStringLiteral("%1  %2  %3 %4")
                                             .arg(e.sentAt.toLocalTime().toString(QStringLiteral("HH:mm:ss")),
                                                  e.status ? QString::number(e.status) : QStringLiteral("---"),
                                                  qs(e.request.method), qs(e.request.url)),
                                         m_historyList);
        item->setToolTip(e.error.isEmpty() ? tr("%1 ms").arg(e.totalMs, 0, 'f', 1) : e.error);
        item->setData(kRoleItem, QVariant::fromValue<qulonglong>(index));
        if (e.status >= 400 || e.status == 0)
            item->setForeground(QColor(statusColour(e.status ? e.status : 500)));
    }
}

void RequestConsole::refreshEnvironments()
{
    const ConsoleWorkspace &c = m_document->project().console;
    m_environment->clear();
    m_environment->addItem(tr("No environment"));
    for (const ConsoleEnvironment &e : c.environments)
        m_environment->addItem(qs(e.name));
    const int active = m_environment->findText(qs(c.activeEnvironment));
    m_environment->setCurrentIndex(active < 0 ? 0 : active);
}

void RequestConsole::setActiveEnvironment(const QString &name)
{
    Project edited = m_document->project();
    edited.console.activeEnvironment = ss(name);
    QString error;
    if (!m_document->apply(edited, name.isEmpty() ? tr("Use no environment") : tr("Use environment %1").arg(name), &error))
        showProblem(error);
}

void RequestConsole::editEnvironments()
{
    // One table per environment: a JSON-free dialog, applied as one undo step.
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Environments"));
    dialog.resize(560, 380);
    auto *layout = new QVBoxLayout(&dialog);
    auto *row = new QHBoxLayout;
    auto *pick = new QComboBox(&dialog);
    auto *add = new QPushButton(tr("Add…"), &dialog);
    auto *remove = new QPushButton(tr("Remove"), &dialog);
    row->addWidget(pick, 1);
    row->addWidget(add);
    row->addWidget(remove);
    layout->addLayout(row);
    auto *note = new QLabel(tr("Variables are written {{name}} anywhere in a request. baseUrl, when not set here, is the "
                               "running gateway's URL for the request's API and stage."),
                            &dialog);
    note->setWordWrap(true);
    layout->addWidget(note);
    auto *table = new FieldTable(false, &dialog);
    layout->addWidget(table, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, &dialog);
    layout->addWidget(buttons);
    std::vector<ConsoleEnvironment> envs = m_document->project().console.environments;
    int shown = -1;
    auto keep = [&] {
        if (shown < 0 || shown >= int(envs.size()))
            return;
        envs[size_t(shown)].variables.clear();
        for (const ConsoleField &f : table->fields())
            if (!f.name.empty())
                envs[size_t(shown)].variables[f.name] = f.value;
    };
    auto show = [&](int index) {
        keep();
        shown = index;
        std::vector<ConsoleField> fields;
        if (index >= 0 && index < int(envs.size()))
            for (const auto &[k, v] : envs[size_t(index)].variables)
                fields.push_back({k, v});
        table->setFields(fields);
        table->setEnabled(index >= 0);
    };
    auto fill = [&](int select) {
        QSignalBlocker block(pick);
        pick->clear();
        for (const ConsoleEnvironment &e : envs)
            pick->addItem(qs(e.name));
        pick->setCurrentIndex(select);
    };
    fill(envs.empty() ? -1 : std::max(0, m_environment->currentIndex() - 1));
    show(pick->currentIndex());
    connect(pick, qOverload<int>(&QComboBox::currentIndexChanged), &dialog, show);
    connect(add, &QPushButton::clicked, &dialog, [&] {
        bool ok = false;
        const QString name = QInputDialog::getText(&dialog, tr("New environment"), tr("Name:"), QLineEdit::Normal,
                                                   envs.empty() ? QStringLiteral("local") : QString(), &ok).trimmed();
        if (!ok || name.isEmpty() || std::any_of(envs.begin(), envs.end(), [&](const ConsoleEnvironment &e) { return qs(e.name) == name; }))
            return;
        keep();
        envs.push_back({ss(name), {}});
        shown = -1;
        fill(int(envs.size()) - 1);
        show(int(envs.size()) - 1);
    });
    connect(remove, &QPushButton::clicked, &dialog, [&] {
        if (shown < 0)
            return;
        envs.erase(envs.begin() + shown);
        shown = -1;
        fill(envs.empty() ? -1 : 0);
        show(pick->currentIndex());
    });
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    keep();
    Project edited = m_document->project();
    edited.console.environments = envs;
    if (!edited.console.findEnvironment(edited.console.activeEnvironment))
        edited.console.activeEnvironment = envs.empty() ? std::string() : envs.front().name;
    QString error;
    if (!m_document->apply(edited, tr("Edit environments"), &error))
        showProblem(error);
}

bool RequestConsole::startLoadRun(QString *error)
{
    if (m_load->running()) {
        *error = tr("A load run is going: stop it first");
        return false;
    }
    QString problem;
    const ConsoleWireRequest wire = wireForCurrent(&problem);
    if (!problem.isEmpty()) {
        *error = problem;
        return false;
    }
    const ConsoleRequest r = currentRequest();
    LoadRunSettings settings;
    settings.requests = m_loadRequests->value();
    settings.durationMs = m_loadMode->currentIndex() == 1 ? m_loadDuration->value() * 1000 : 0;
    settings.concurrency = m_loadConcurrency->value();
    settings.targetRps = m_loadRate->value();
    settings.timeoutMs = r.timeoutMs;
    settings.insecure = r.insecure;
    m_loadFor = m_savedAs;
    m_loadStartedAt = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    m_loadProgress->setValue(0);
    m_loadStart->setEnabled(false);
    m_loadStop->setEnabled(true);
    m_responseTabs->setCurrentIndex(1);
    m_load->start(wire, settings);
    return true;
}

void RequestConsole::stopLoadRun() { m_load->stop(); }

} // namespace gw::ui
