#include "Lab.h"

#include "Icons.h"
#include "TaskRunner.h"
#include "util/Resources.h"

#include <QUndoStack>

namespace algoscope::ui {

Lab::Lab(QObject* parent)
    : QObject(parent), m_runner(new TaskRunner(this)), m_undo(new QUndoStack(this)) {}

Lab::~Lab() = default;

QIcon Lab::icon() const {
    // resources/icons/<id>.svg when the lab ships one.
    return embeddedIcon(id());
}

QString Lab::aboutMarkdown() const {
    const std::string name = "docs/labs/" + id().toStdString() + ".md";
    if (auto text = util::findResource(name))
        return QString::fromUtf8(text->data(), qsizetype(text->size()));
    return QStringLiteral("# %1\n\n%2").arg(title(), paperReference());
}

bool Lab::applyTourAction(const QString& name, const QJsonObject&, QString* error) {
    if (error)
        *error = tr("the %1 lab has no tour action '%2'").arg(title(), name);
    return false;
}

bool Lab::isIdle() const {
    return !m_runner->isBusy();
}

} // namespace algoscope::ui
