#include "ContfracTermsPanel.h"

#include "ContfracCommands.h"
#include "ContfracLab.h"
#include "ContfracModel.h"

#include <QComboBox>
#include <QFormLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QTableWidget>
#include <QUndoStack>
#include <QVBoxLayout>

#include <cmath>
#include <functional>

namespace algoscope::ui {

ContfracTermsPanel::ContfracTermsPanel(ContfracLab* lab, QWidget* parent)
    : Panel(QStringLiteral("contfrac"), QStringLiteral("terms"), tr("Terms"), parent), m_lab(lab) {
    setDefaultArea(Qt::LeftDockWidgetArea);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);
    auto* form = new QFormLayout;
    m_constant = new QComboBox(body);
    m_constant->setEditable(true);
    m_constant->addItems(ContfracLab::presetConstants());
    m_constant->setObjectName(QStringLiteral("contfrac.constant"));
    m_constant->setToolTip(
        tr("A constant or an expression: pi, e, e^2, tan(1), cot(1), tanh(1), I1(2)/I0(2), "
           "zeta(3), phi, sqrt(2), log(2), catalan, and + - * / ^ of them, e.g. (2e+1)/(e-1)"));
    m_signs = new QLineEdit(body);
    m_signs->setPlaceholderText(tr("simple CF (all +)"));
    m_signs->setToolTip(tr("Periodic signs b_i of a0 + b0/(a1 + b1/(...)), e.g. \"-,+\" or \"-\""));
    m_signs->setObjectName(QStringLiteral("contfrac.signs"));
    m_terms = new QSpinBox(body);
    m_terms->setRange(1, 20000);
    m_terms->setObjectName(QStringLiteral("contfrac.terms"));
    m_digits = new QSpinBox(body);
    m_digits->setRange(0, 200000);
    m_digits->setSpecialValueText(tr("automatic"));
    m_digits->setSuffix(tr(" digits"));
    m_digits->setToolTip(tr("Fixed working precision: terms it cannot prove are not shown. "
                            "Automatic raises the precision until every term is certified."));
    form->addRow(tr("Constant"), m_constant);
    form->addRow(tr("Signs"), m_signs);
    form->addRow(tr("Terms"), m_terms);
    form->addRow(tr("Precision"), m_digits);
    layout->addLayout(form);
    m_status = new QLabel(body);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_table = new QTableWidget(0, 4, body);
    m_table->setHorizontalHeaderLabels(
        {tr("n"), tr("term a_n"), tr("convergent p_n/q_n"), tr("error")});
    m_table->verticalHeader()->setVisible(false);
    m_table->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setObjectName(QStringLiteral("contfrac.table"));
    layout->addWidget(m_table, 1);
    body->setMinimumWidth(360);
    setWidget(body);

    ContfracModel* model = lab->model();
    auto edit = [this, model](const QString& what,
                              const std::function<void(ContfracSettings&)>& f) {
        ContfracSettings s = model->settings();
        f(s);
        if (!(s == model->settings()))
            m_lab->undoStack()->push(new SetContfracSettingsCmd(model, s, what));
    };
    connect(m_constant->lineEdit(), &QLineEdit::editingFinished, this, [this, edit] {
        const QString c = m_constant->currentText().trimmed();
        edit(tr("Constant %1").arg(c), [c](ContfracSettings& s) { s.constant = c; });
    });
    connect(m_constant, &QComboBox::activated, this, [this, edit](int) {
        const QString c = m_constant->currentText().trimmed();
        edit(tr("Constant %1").arg(c), [c](ContfracSettings& s) { s.constant = c; });
    });
    connect(m_signs, &QLineEdit::editingFinished, this, [this, edit] {
        const QString v = m_signs->text().trimmed();
        edit(tr("Signs %1").arg(v), [v](ContfracSettings& s) { s.signs = v; });
    });
    connect(m_terms, &QSpinBox::editingFinished, this, [this, edit] {
        const int v = m_terms->value();
        edit(tr("Terms %1").arg(v), [v](ContfracSettings& s) { s.terms = v; });
    });
    connect(m_digits, &QSpinBox::editingFinished, this, [this, edit] {
        const int v = m_digits->value();
        edit(tr("Precision %1").arg(v), [v](ContfracSettings& s) { s.digits = v; });
    });
    connect(model, &ContfracModel::settingsChanged, this, &Panel::requestRefresh);
    connect(model, &ContfracModel::expansionChanged, this, &Panel::requestRefresh);
    refresh();
}

void ContfracTermsPanel::refresh() {
    const ContfracSettings& s = m_lab->model()->settings();
    const QSignalBlocker b1(m_constant), b2(m_signs), b3(m_terms), b4(m_digits);
    m_constant->setCurrentText(s.constant);
    m_signs->setText(s.signs);
    m_terms->setValue(s.terms);
    m_digits->setValue(s.digits);
    fillTable();
}

void ContfracTermsPanel::fillTable() {
    const ContfracModel* model = m_lab->model();
    const auto& rows = model->rows();
    m_table->setRowCount(int(rows.size()));
    for (int i = 0; i < rows.size(); ++i) {
        const ContfracTermRow& r = rows[i];
        auto* n = new QTableWidgetItem(QString::number(i));
        n->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        auto* t = new QTableWidgetItem(r.term);
        t->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
        // |x - p_n/q_n| = 10^-digits, written as m.me-k.
        QString err = tr("exact");
        if (std::isfinite(r.digits)) {
            const double e = std::floor(-r.digits);
            const double m = std::pow(10.0, -r.digits - e);
            err = QStringLiteral("%1e%2").arg(m, 0, 'f', 1).arg(int(e));
        }
        m_table->setItem(i, 0, n);
        m_table->setItem(i, 1, t);
        m_table->setItem(i, 2, new QTableWidgetItem(r.convergent));
        m_table->setItem(i, 3, new QTableWidgetItem(err));
    }
    m_table->resizeColumnToContents(0);
    m_table->resizeColumnToContents(1);
    m_table->resizeColumnToContents(3);
    QString status =
        tr("%1 certified terms at %2 digits").arg(rows.size()).arg(model->digitsUsed());
    if (!model->expansionMessage().isEmpty())
        status += QStringLiteral("\n") + model->expansionMessage();
    m_status->setText(status);
}

} // namespace algoscope::ui
