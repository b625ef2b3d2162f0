#include "websocket_client_panel.h"

#include "common/sigv4.h"
#include "model/route_selection_expression.h"
#include "net/local_ca.h"
#include "websocket_frames_model.h"
#include "websocket_frames_view.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTableView>
#include <QVBoxLayout>
#include <QWebSocket>
#include <Qsci/qscilexerjson.h>
#include <Qsci/qsciscintilla.h>

namespace gw::ui {

namespace {

const char *kSavedKey = "websocketClient/savedMessages";
constexpr int kSignedUrlExpiresSeconds = 300;
const char *kFirstMessage = "{\"action\": \"sendmessage\", \"data\": \"hello\"}";

QString stateText(QAbstractSocket::SocketState state)
{
    switch (state) {
    case QAbstractSocket::UnconnectedState: return QObject::tr("Not connected");
    case QAbstractSocket::HostLookupState:
    case QAbstractSocket::ConnectingState: return QObject::tr("Connecting…");
    case QAbstractSocket::ConnectedState: return QObject::tr("Connected");
    case QAbstractSocket::ClosingState: return QObject::tr("Closing…");
    default: return QString();
    }
}

} // namespace

WebSocketClientPanel::WebSocketClientPanel(QWidget *parent)
    : QWidget(parent), m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this)),
      m_frames(new WebSocketFramesModel(20000, this))
{
    // wss:// to the gateway's own ports: the local CA is trusted besides the system's issuers.
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    if (const LocalCertificate &ca = localCertificate(); ca.ok())
        ssl.addCaCertificates(QSslCertificate::fromPath(ca.caFile));
    m_socket->setSslConfiguration(ssl);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *connectRow = new QHBoxLayout;
    m_url = new QComboBox(this);
    m_url->setObjectName(QStringLiteral("clientUrl"));
    m_url->setEditable(true);
    m_url->setInsertPolicy(QComboBox::NoInsert);
    m_url->lineEdit()->setPlaceholderText(QStringLiteral("ws://127.0.0.1:PORT/STAGE"));
    m_url->setMinimumContentsLength(36);
    connectRow->addWidget(m_url, 1);
    m_sign = new QCheckBox(tr("Sign with SigV4"), this);
    m_sign->setObjectName(QStringLiteral("signConnect"));
    m_sign->setToolTip(tr("Sign the $connect in its query (X-Amz-Signature), as an IAM-authorized WebSocket API expects"));
    connectRow->addWidget(m_sign);
    m_connect = new QPushButton(tr("Connect"), this);
    m_connect->setObjectName(QStringLiteral("clientConnect"));
    connectRow->addWidget(m_connect);
    m_status = new QLabel(tr("Not connected"), this);
    m_status->setObjectName(QStringLiteral("clientStatus"));
    connectRow->addWidget(m_status);
    layout->addLayout(connectRow);

    m_credentials = new QWidget(this);
    auto *form = new QHBoxLayout(m_credentials);
    form->setContentsMargins(0, 0, 0, 0);
    m_accessKey = new QLineEdit(m_credentials);
    m_accessKey->setObjectName(QStringLiteral("clientAccessKey"));
    m_accessKey->setPlaceholderText(tr("Access key ID"));
    m_secretKey = new QLineEdit(m_credentials);
    m_secretKey->setObjectName(QStringLiteral("clientSecretKey"));
    m_secretKey->setPlaceholderText(tr("Secret access key"));
    m_secretKey->setEchoMode(QLineEdit::Password);
    m_sessionToken = new QLineEdit(m_credentials);
    m_sessionToken->setObjectName(QStringLiteral("clientSessionToken"));
    m_sessionToken->setPlaceholderText(tr("Session token (optional)"));
    m_sessionToken->setEchoMode(QLineEdit::Password);
    m_region = new QLineEdit(m_credentials);
    m_region->setObjectName(QStringLiteral("clientRegion"));
    m_region->setPlaceholderText(tr("Region"));
    m_region->setMaximumWidth(120);
    form->addWidget(m_accessKey, 2);
    form->addWidget(m_secretKey, 3);
    form->addWidget(m_sessionToken, 2);
    form->addWidget(m_region, 1);
    m_credentials->setVisible(false);
    layout->addWidget(m_credentials);

    auto *split = new QSplitter(Qt::Horizontal, this);
    auto *composer = new QWidget(split);
    auto *composerLayout = new QVBoxLayout(composer);
    composerLayout->setContentsMargins(0, 0, 0, 0);
    auto *savedRow = new QHBoxLayout;
    m_saved = new QComboBox(composer);
    m_saved->setObjectName(QStringLiteral("savedMessages"));
    m_saved->setToolTip(tr("Saved messages: pick one to put it in the editor"));
    savedRow->addWidget(m_saved, 1);
    m_save = new QPushButton(tr("Save message"), composer);
    m_save->setObjectName(QStringLiteral("saveMessage"));
    savedRow->addWidget(m_save);
    composerLayout->addLayout(savedRow);
    m_editor = new QsciScintilla(composer);
    m_editor->setObjectName(QStringLiteral("clientMessage"));
    m_editor->setLexer(new QsciLexerJSON(m_editor));
    m_editor->setUtf8(true);
    m_editor->setTabWidth(2);
    m_editor->setMarginWidth(0, 0);
    m_editor->setMarginWidth(1, 0);
    m_editor->setText(QLatin1String(kFirstMessage));
    composerLayout->addWidget(m_editor, 1);
    auto *sendRow = new QHBoxLayout;
    m_routePreview = new QLabel(composer);
    m_routePreview->setObjectName(QStringLiteral("routePreview"));
    sendRow->addWidget(m_routePreview, 1);
    m_send = new QPushButton(tr("Send"), composer);
    m_send->setObjectName(QStringLiteral("clientSend"));
    m_send->setToolTip(tr("Send the editor's text as one text frame (Ctrl+Enter)"));
    sendRow->addWidget(m_send);
    composerLayout->addLayout(sendRow);
    m_framesView = new WebSocketFramesView(m_frames, split);
    m_framesView->setConnectionColumnShown(false);
    m_framesView->table()->setColumnHidden(WebSocketFramesModel::Integration, true); // the gateway's side knows it
    split->addWidget(composer);
    split->addWidget(m_framesView);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    layout->addWidget(split, 1);

    connect(m_sign, &QCheckBox::toggled, m_credentials, &QWidget::setVisible);
    connect(m_connect, &QPushButton::clicked, this, &WebSocketClientPanel::onConnectClicked);
    connect(m_send, &QPushButton::clicked, this, [this] { send(m_editor->text()); });
    auto *sendShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_Return), m_editor);
    sendShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(sendShortcut, &QShortcut::activated, this, [this] { send(m_editor->text()); });
    connect(m_save, &QPushButton::clicked, this, &WebSocketClientPanel::saveMessage);
    connect(m_saved, &QComboBox::activated, this, [this](int index) {
        if (index > 0)
            m_editor->setText(m_saved->itemData(index).toString());
    });
    connect(m_editor, &QsciScintilla::textChanged, this, &WebSocketClientPanel::updateRoutePreview);
    connect(m_url, &QComboBox::currentTextChanged, this, [this] {
        updateRoutePreview();
        updateButtons();
    });
    connect(m_socket, &QWebSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
        m_status->setText(stateText(state));
        updateButtons();
        if (state == QAbstractSocket::ConnectedState)
            emit connectedChanged(true);
    });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        QString text = tr("Closed %1").arg(int(m_socket->closeCode()));
        if (!m_socket->closeReason().isEmpty())
            text += QLatin1Char(' ') + m_socket->closeReason();
        m_status->setText(text);
        updateButtons();
        emit connectedChanged(false);
    });
    connect(m_socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), this, [this] { // 6.4: no errorOccurred yet
        m_status->setText(tr("Failed: %1").arg(m_socket->errorString()));
        m_status->setToolTip(m_socket->errorString());
    });
    connect(m_socket, &QWebSocket::handshakeInterruptedOnError, this, [this](const QSslError &error) {
        m_status->setText(tr("TLS: %1").arg(error.errorString()));
    });
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this](const QString &text) { record(true, text.toUtf8()); });
    loadSavedMessages();
    updateRoutePreview();
    updateButtons();
}

WebSocketClientPanel::~WebSocketClientPanel()
{
    m_socket->disconnect(this);
    m_socket->abort();
}

void WebSocketClientPanel::setProject(const Project &project)
{
    m_project = project;
    if (m_region->text().isEmpty())
        m_region->setText(QString::fromStdString(project.region.empty() ? std::string("us-east-1") : project.region));
    updateRoutePreview();
}

void WebSocketClientPanel::setEndpoints(const QVector<Endpoint> &endpoints)
{
    m_endpoints = endpoints;
    const QString typed = m_url->currentText();
    QSignalBlocker blocker(m_url);
    m_url->clear();
    for (const Endpoint &endpoint : endpoints) {
        if (endpoint.type != QLatin1String("WEBSOCKET"))
            continue;
        // The same port answers TLS: wss:// is offered beside ws://.
        QUrl secure(endpoint.url);
        secure.setScheme(QStringLiteral("wss"));
        m_url->addItem(endpoint.url);
        m_url->addItem(secure.toString());
    }
    // What the user typed stays, unless it is an endpoint that went away (then the first one).
    const bool typedIsOld = typed.startsWith(QLatin1String("ws://127.0.0.1:")) || typed.startsWith(QLatin1String("wss://127.0.0.1:"));
    if (!typed.isEmpty() && (m_url->findText(typed) >= 0 || !typedIsOld))
        m_url->setCurrentText(typed);
    else if (m_url->count() > 0)
        m_url->setCurrentIndex(0);
    blocker.unblock();
    // A first message that selects one of the API's own routes, while the editor holds none of the user's.
    if (m_editor->text() == QLatin1String(kFirstMessage))
        if (const Api *api = apiForUrl(QUrl(m_url->currentText())))
            for (const Route &route : api->routes())
                if (!route.routeKey.empty() && route.routeKey[0] != '$' && api->webSocket() &&
                    api->webSocket()->routeSelectionExpression.value_or("") == "$request.body.action") {
                    m_editor->setText(QStringLiteral("{\"action\": \"%1\"}").arg(QString::fromStdString(route.routeKey)));
                    break;
                }
    updateRoutePreview();
    updateButtons();
}

QUrl WebSocketClientPanel::signedUrl(const QUrl &url, const ClientCredential &credential, qint64 epochMs)
{
    // What the service checks for IAM on $connect: the handshake GET signed for execute-api with
    // the authentication in the query (apigateway-websocket-control-access-iam.html).
    SigV4Request request;
    request.method = "GET";
    request.path = url.path(QUrl::FullyEncoded).toLatin1();
    if (request.path.isEmpty())
        request.path = "/";
    request.query = url.query(QUrl::FullyEncoded).toLatin1();
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    const bool defaultPort = url.port() < 0 || (url.scheme() == QLatin1String("ws") && url.port() == 80) ||
                             (url.scheme() == QLatin1String("wss") && url.port() == 443);
    if (!defaultPort)
        host += ':' + QByteArray::number(url.port());
    request.headers.push_back({"host", host});
    request.payloadHash = sigV4PayloadHash({});
    const SigV4Scope scope{credential.region.toStdString(), "execute-api", sigV4AmzDate(epochMs), false};
    const SigV4Credentials credentials{credential.accessKeyId.toUtf8(), credential.secretAccessKey.toUtf8(),
                                       credential.sessionToken.toUtf8()};
    QUrl out = url;
    out.setQuery(QString::fromLatin1(sigV4PresignedQuery(request, scope, credentials, kSignedUrlExpiresSeconds)),
                 QUrl::StrictMode);
    return out;
}

void WebSocketClientPanel::onConnectClicked()
{
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        disconnectFromServer();
    else
        connectTo(m_url->currentText().trimmed());
}

void WebSocketClientPanel::connectTo(const QString &text)
{
    QUrl url = QUrl::fromUserInput(text);
    if (!url.isValid() || (url.scheme() != QLatin1String("ws") && url.scheme() != QLatin1String("wss"))) {
        m_status->setText(tr("Not a ws:// or wss:// URL"));
        return;
    }
    if (m_sign->isChecked()) {
        if (m_accessKey->text().trimmed().isEmpty() || m_secretKey->text().isEmpty()) {
            m_status->setText(tr("Signing needs an access key ID and a secret access key"));
            return;
        }
        url = signedUrl(url, {m_accessKey->text().trimmed(), m_secretKey->text(), m_sessionToken->text().trimmed(),
                              m_region->text().trimmed().isEmpty() ? QStringLiteral("us-east-1") : m_region->text().trimmed()},
                        QDateTime::currentMSecsSinceEpoch());
    }
    m_connectionLabel = (url.host() + (url.port() > 0 ? QLatin1Char(':') + QString::number(url.port()) : QString()) + url.path()).toUtf8();
    m_status->setToolTip(QString());
    m_socket->open(url);
}

void WebSocketClientPanel::disconnectFromServer()
{
    m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("Closed from the window"));
}

bool WebSocketClientPanel::isConnected() const
{
    return m_socket->state() == QAbstractSocket::ConnectedState;
}

bool WebSocketClientPanel::send(const QString &text)
{
    if (!isConnected() || text.isEmpty())
        return false;
    const QByteArray bytes = text.toUtf8();
    m_socket->sendTextMessage(text);
    record(false, bytes);
    return true;
}

void WebSocketClientPanel::record(bool in, const QByteArray &text)
{
    // The client's view: what it sent goes "in" to the gateway.
    WebSocketFrame frame;
    frame.direction = in ? WebSocketFrame::Direction::Out : WebSocketFrame::Direction::In;
    frame.connectionId = m_connectionLabel;
    frame.timeMs = QDateTime::currentMSecsSinceEpoch();
    frame.text = text;
    if (!in) {
        const QUrl url(m_url->currentText().trimmed());
        if (const Api *api = apiForUrl(url); api && api->webSocket() && api->webSocket()->routeSelectionExpression) {
            const RouteSelectionExpression expression(*api->webSocket()->routeSelectionExpression);
            const std::optional<std::string> key = expression.isValid() ? expression.evaluate(text) : std::nullopt;
            const bool routed = key && std::any_of(api->routes().begin(), api->routes().end(),
                                                   [&](const Route &route) { return route.routeKey == *key; });
            frame.routeKey = routed ? QByteArray::fromStdString(*key) : QByteArrayLiteral("$default");
        }
    }
    m_frames->appendFrame(std::move(frame));
}

const Api *WebSocketClientPanel::apiForUrl(const QUrl &url) const
{
    for (const Endpoint &endpoint : m_endpoints)
        if (endpoint.type == QLatin1String("WEBSOCKET") && QUrl(endpoint.url).port() == url.port())
            for (const Api &api : m_project.apis)
                if (QString::fromStdString(api.id) == endpoint.apiKey)
                    return &api;
    return nullptr;
}

void WebSocketClientPanel::updateRoutePreview()
{
    const Api *api = apiForUrl(QUrl(m_url->currentText().trimmed()));
    if (!api || !api->webSocket() || !api->webSocket()->routeSelectionExpression) {
        m_routePreview->clear();
        return;
    }
    const RouteSelectionExpression expression(*api->webSocket()->routeSelectionExpression);
    if (!expression.isValid()) {
        m_routePreview->setText(tr("routeSelectionExpression: %1").arg(QString::fromStdString(expression.error())));
        return;
    }
    const std::optional<std::string> key = expression.evaluate(m_editor->text().toUtf8());
    bool known = false;
    for (const Route &route : api->routes())
        known = known || (key && route.routeKey == *key);
    if (known)
        m_routePreview->setText(tr("Matches route %1").arg(QString::fromStdString(*key)));
    else
        m_routePreview->setText(key ? tr("Selects \"%1\": no such route, goes to $default").arg(QString::fromStdString(*key))
                                    : tr("Not a JSON object: goes to $default"));
}

void WebSocketClientPanel::updateButtons()
{
    const auto state = m_socket->state();
    m_connect->setText(state == QAbstractSocket::UnconnectedState ? tr("Connect") : tr("Disconnect"));
    m_connect->setEnabled(state != QAbstractSocket::UnconnectedState || !m_url->currentText().trimmed().isEmpty());
    m_send->setEnabled(state == QAbstractSocket::ConnectedState);
}

void WebSocketClientPanel::saveMessage()
{
    const QString text = m_editor->text();
    if (text.trimmed().isEmpty())
        return;
    QSettings settings;
    QStringList saved = settings.value(QLatin1String(kSavedKey)).toStringList();
    saved.removeAll(text);
    saved.prepend(text);
    while (saved.size() > 50)
        saved.removeLast();
    settings.setValue(QLatin1String(kSavedKey), saved);
    loadSavedMessages();
}

void WebSocketClientPanel::loadSavedMessages()
{
    m_saved->clear();
    const QStringList saved = QSettings().value(QLatin1String(kSavedKey)).toStringList();
    m_saved->addItem(saved.isEmpty() ? tr("No saved messages") : tr("Saved messages (%1)").arg(saved.size()));
    for (const QString &text : saved) {
        QString label = text.simplified();
        if (label.size() > 60)
            label = label.left(59) + QChar(0x2026);
        m_saved->addItem(label, text);
    }
}

} // namespace gw::ui
