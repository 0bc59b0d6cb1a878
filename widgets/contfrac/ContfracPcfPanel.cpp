#include "ContfracPcfPanel.h"

#include "ContfracCommands.h"
#include "ContfracLab.h"
#include "ContfracModel.h"

#include <QCheckBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>
#include <functional>

namespace algoscope::ui {

ContfracPcfPanel::ContfracPcfPanel(ContfracLab* lab, QWidget* parent)
    : Panel(QStringLiteral("contfrac"), QStringLiteral("pcf"), tr("Polynomial CF"), parent),
      m_lab(lab) {
    setDefaultArea(Qt::RightDockWidgetArea);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    auto* form = new QFormLayout;
    m_a = new QLineEdit(body);
    m_a->setObjectName(QStringLiteral("contfrac.pcf.a"));
    m_b = new QLineEdit(body);
    m_b->setObjectName(QStringLiteral("contfrac.pcf.b"));
    m_depth = new QSpinBox(body);
    m_depth->setRange(1, 20000);
    m_rt = new QCheckBox(tr("ramanujantools convention: b(n) above a(n)"), body);
    m_rt->setToolTip(tr("Off: x = a(0) + b(0)/(a(1) + b(1)/(...)) (Apery, older tables). "
                        "On: x = a(0) + b(1)/(a(1) + b(2)/(...))."));
    form->addRow(tr("a(n)"), m_a);
    form->addRow(tr("b(n)"), m_b);
    form->addRow(tr("Depth"), m_depth);
    form->addRow(m_rt);
    layout->addLayout(form);
    m_result = new QLabel(body);
    m_result->setWordWrap(true);
    m_result->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_result->setObjectName(QStringLiteral("contfrac.pcf.result"));
    layout->addWidget(m_result);
    layout->addStretch(1);
    setWidget(body);

    ContfracModel* model = lab->model();
    auto edit = [this, model](const QString& what,
                              const std::function<void(ContfracSettings&)>& f) {
        ContfracSettings s = model->settings();
        f(s);
        if (!(s == model->settings()))
            m_lab->undoStack()->push(new SetContfracSettingsCmd(model, s, what));
    };
    connect(m_a, &QLineEdit::editingFinished, this, [this, edit] {
        const QString v = m_a->text().trimmed();
        edit(tr("a(n) = %1").arg(v), [v](ContfracSettings& s) { s.pcfA = v; });
    });
    connect(m_b, &QLineEdit::editingFinished, this, [this, edit] {
        const QString v = m_b->text().trimmed();
        edit(tr("b(n) = %1").arg(v), [v](ContfracSettings& s) { s.pcfB = v; });
    });
    connect(m_depth, &QSpinBox::editingFinished, this, [this, edit] {
        const int v = m_depth->value();
        edit(tr("PCF depth %1").arg(v), [v](ContfracSettings& s) { s.pcfDepth = v; });
    });
    connect(m_rt, &QCheckBox::toggled, this, [edit](bool on) {
        edit(tr("PCF convention"), [on](ContfracSettings& s) { s.pcfRt = on; });
    });
    connect(model, &ContfracModel::settingsChanged, this, &Panel::requestRefresh);
    connect(model, &ContfracModel::pcfChanged, this, &Panel::requestRefresh);
    refresh();
}

void ContfracPcfPanel::refresh() {
    const ContfracModel* model = m_lab->model();
    const ContfracSettings& s = model->settings();
    const QSignalBlocker b1(m_a), b2(m_b), b3(m_depth), b4(m_rt);
    m_a->setText(s.pcfA);
    m_b->setText(s.pcfB);
    m_depth->setValue(s.pcfDepth);
    m_rt->setChecked(s.pcfRt);
    const ContfracPcfResult& r = model->pcf();
    if (r.value.isEmpty()) {
        m_result->setText(tr("(no result)"));
        return;
    }
    QString text = tr("<b>value</b> %1<br>").arg(r.value.left(42));
    if (r.blind)
        text += tr("<b>digits</b> (blind, vs depth 2n): %1<br>").arg(r.digits, 0, 'f', 1);
    else
        text += tr("<b>correct digits</b> vs %1: %2<br>").arg(r.limit).arg(r.digits, 0, 'f', 1);
    text += tr("<b>digits/term</b> %1<br><b>delta</b> %2<br>")
                .arg(r.digitsPerTerm, 0, 'f', 3)
                .arg(std::isfinite(r.delta) ? QString::number(r.delta, 'f', 5) : tr("n/a"));
    text += tr("<b>limit guesses</b>: ") +
            (r.guesses.isEmpty() ? tr("none among small Moebius images of the constants")
                                 : r.guesses.join(QStringLiteral("; ")));
    m_result->setText(text);
}

} // namespace algoscope::ui
