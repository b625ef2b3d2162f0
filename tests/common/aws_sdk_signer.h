#pragma once
// Runs a snippet against the AWS SDK's own SigV4 signer (@smithy/signature-v4, installed with the
// SDK test package in tests/aws_services): the snippet sees SignatureV4 and a Node crypto Sha256,
// and prints what the test compares. Its standard output, or nullopt (and why) when it failed.
#include <QFileInfo>
#include <QProcess>
#include <QString>

#include <optional>

inline std::optional<QByteArray> runWithSdkSigner(const QString &snippet, QString *why)
{
    const QString modules = QStringLiteral(GW_SOURCE_DIR "/tests/aws_services/node_modules");
    if (!QFileInfo::exists(modules + QStringLiteral("/@smithy/signature-v4"))) {
        *why = QStringLiteral("run scripts/test.sh: it installs tests/aws_services");
        return std::nullopt;
    }
    QProcess node;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("NODE_PATH"), modules);
    node.setProcessEnvironment(env);
    node.start(QStringLiteral("node"), {QStringLiteral("-e"), QStringLiteral(R"JS(
const { SignatureV4 } = require('@smithy/signature-v4');
const crypto = require('crypto');
class Sha256 {
  constructor(secret) { this.h = secret ? crypto.createHmac('sha256', secret) : crypto.createHash('sha256'); }
  update(d) { this.h.update(d); }
  async digest() { return new Uint8Array(this.h.digest()); }
}
)JS") + snippet});
    if (!node.waitForFinished(30000) || node.exitCode() != 0) {
        *why = QString::fromUtf8(node.readAllStandardError());
        return std::nullopt;
    }
    return node.readAllStandardOutput();
}
