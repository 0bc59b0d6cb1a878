#pragma once
// The QApplication of the CLI commands that draw figures (export, figures). Plots render through
// QPainter and need no display: without an X display Qt's offscreen platform is used (whatever
// QT_QPA_PLATFORM says, since xcb would abort without one). Qt's own chatter (e.g. about
// XDG_RUNTIME_DIR) is silenced so errors stay one line; ALGOSCOPE_VERBOSE=1 shows it.
#ifdef ALGOSCOPE_CLI_WITH_WIDGETS
#include <QApplication>

#include <iostream>
#include <memory>

namespace algoscope::cli {

inline std::unique_ptr<QApplication> makeHeadlessApp() {
    if (qEnvironmentVariableIsEmpty("DISPLAY"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    if (qEnvironmentVariableIsEmpty("ALGOSCOPE_VERBOSE"))
        qInstallMessageHandler([](QtMsgType type, const QMessageLogContext&, const QString& msg) {
            if (type == QtCriticalMsg || type == QtFatalMsg)
                std::cerr << "algoscope-cli: " << msg.toStdString() << "\n";
        });
    static int qtArgc = 1;
    static char qtName[] = "algoscope-cli";
    static char* qtArgv[] = {qtName, nullptr};
    return std::make_unique<QApplication>(qtArgc, qtArgv);
}

} // namespace algoscope::cli
#endif
