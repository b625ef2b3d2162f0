#pragma once
// The window's WebSocket client: connects to any ws:// or wss:// URL (the project's WebSocket
// stages offered, wss:// trusting the local CA), optionally signing the $connect with SigV4 in the
// query as IAM authorization expects (a credential the user enters), sends text frames written in
// a JSON editor (with saved messages and the route the message would select), and shows what
// went and came in a frames view.
#include "gateway/endpoint.h"
#include "model/project.h"

#include <QUrl>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QWebSocket;
class QsciScintilla;

namespace gw::ui {

class WebSocketFramesModel;
class WebSocketFramesView;

struct ClientCredential {
    QString accessKeyId;
    QString secretAccessKey;
    QString sessionToken;
    QString region;
};

class WebSocketClientPanel : public QWidget {
    Q_OBJECT
public:
    explicit WebSocketClientPanel(QWidget *parent = nullptr);
    ~WebSocketClientPanel() override;

    void setProject(const Project &project);
    void setEndpoints(const QVector<Endpoint> &endpoints);

    // The URL a connect opens: url, signed in the query when asked (at epochMs).
    static QUrl signedUrl(const QUrl &url, const ClientCredential &credential, qint64 epochMs);

    void connectTo(const QString &url);
    void disconnectFromServer();
    bool send(const QString &text);
    bool isConnected() const;

    QComboBox *urlBox() const { return m_url; }
    QsciScintilla *editor() const { return m_editor; }
    WebSocketFramesModel *frames() const { return m_frames; }
    WebSocketFramesView *framesView() const { return m_framesView; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *routePreview() const { return m_routePreview; }

signals:
    void connectedChanged(bool connected);

private:
    void onConnectClicked();
    void updateRoutePreview();
    void updateButtons();
    void saveMessage();
    void loadSavedMessages();
    void record(bool in, const QByteArray &text);
    const Api *apiForUrl(const QUrl &url) const;

    Project m_project;
    QVector<Endpoint> m_endpoints;
    QWebSocket *m_socket;
    QComboBox *m_url;
    QCheckBox *m_sign;
    QLineEdit *m_accessKey;
    QLineEdit *m_secretKey;
    QLineEdit *m_sessionToken;
    QLineEdit *m_region;
    QWidget *m_credentials;
    QPushButton *m_connect;
    QLabel *m_status;
    QsciScintilla *m_editor;
    QComboBox *m_saved;
    QPushButton *m_save;
    QPushButton *m_send;
    QLabel *m_routePreview;
    WebSocketFramesModel *m_frames;
    WebSocketFramesView *m_framesView;
    QByteArray m_connectionLabel; // the frames' connection column: the URL's host and path
};

} // namespace gw::ui
