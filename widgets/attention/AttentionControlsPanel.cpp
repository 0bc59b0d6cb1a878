#include "AttentionControlsPanel.h"

#include "AttentionModel.h"
#include "SetAttentionSettingsCmd.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QUndoStack>
#include <QVBoxLayout>

namespace algoscope::ui {

AttentionControlsPanel::AttentionControlsPanel(AttentionModel* model, QUndoStack* undo,
                                               QWidget* parent)
    : Panel(QStringLiteral("attention"), QStringLiteral("controls"), tr("Neighbourhood"), parent),
      m_model(model), m_undo(undo) {
    setDefaultArea(Qt::LeftDockWidgetArea);
    auto* body = new QWidget(this);
    auto* outer = new QVBoxLayout(body);
    auto* form = new QFormLayout;
    m_rank = new QComboBox(body);
    m_rank->addItem(tr("1-D strip"), 1);
    m_rank->addItem(tr("2-D grid"), 2);
    m_rank->setObjectName(QStringLiteral("attention.rank"));
    form->addRow(tr("Tokens"), m_rank);
    outer->addLayout(form);

    auto* grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("rows"), body), 0, 1);
    grid->addWidget(new QLabel(tr("columns"), body), 0, 2);
    const QString names[] = {tr("Size"),     tr("Kernel k"), tr("Dilation d"),
                             tr("Stride s"), tr("Causal"),   tr("Query / key")};
    for (int r = 0; r < 6; ++r)
        grid->addWidget(new QLabel(names[r], body), r + 1, 0);
    const char* ids[] = {"size", "kernel", "dilation", "stride", "query"};
    std::array<QSpinBox*, 2>* spins[] = {&m_size, &m_kernel, &m_dilation, &m_stride, &m_query};
    const int rows[] = {1, 2, 3, 4, 6};
    for (int i = 0; i < 5; ++i)
        for (int a = 0; a < 2; ++a) {
            auto* s = new QSpinBox(body);
            s->setRange(i == 4 ? 0 : 1,
                        i == 4 ? AttentionSettings::kMaxSide - 1 : AttentionSettings::kMaxSide);
            s->setObjectName(QStringLiteral("attention.%1.%2").arg(ids[i]).arg(a));
            s->setKeyboardTracking(false);
            (*spins[i])[std::size_t(a)] = s;
            grid->addWidget(s, rows[i], a + 1);
            connect(s, &QSpinBox::valueChanged, this,
                    [this, name = names[i == 4 ? 5 : i]] { commit(tr("Change %1").arg(name)); });
        }
    for (int a = 0; a < 2; ++a) {
        m_causal[std::size_t(a)] = new QCheckBox(body);
        m_causal[std::size_t(a)]->setObjectName(QStringLiteral("attention.causal.%1").arg(a));
        grid->addWidget(m_causal[std::size_t(a)], 5, a + 1);
        connect(m_causal[std::size_t(a)], &QCheckBox::toggled, this,
                [this] { commit(tr("Toggle causal")); });
    }
    outer->addLayout(grid);

    m_inverse = new QCheckBox(tr("Inverse view: which queries see this key"), body);
    m_inverse->setObjectName(QStringLiteral("attention.inverse"));
    outer->addWidget(m_inverse);
    auto* ends = new QHBoxLayout;
    auto* k1 = new QPushButton(tr("k = 1"), body);
    auto* kn = new QPushButton(tr("k = n (full attention)"), body);
    k1->setToolTip(tr("Every query sees only itself: the mask is the diagonal"));
    kn->setToolTip(tr("Kernel = length on every axis (dilation 1, stride 1): exactly full "
                      "self-attention"));
    ends->addWidget(k1);
    ends->addWidget(kn);
    outer->addLayout(ends);

    auto* form2 = new QFormLayout;
    m_heads = new QSpinBox(body);
    m_heads->setRange(1, 64);
    m_headDim = new QSpinBox(body);
    m_headDim->setRange(1, 256);
    form2->addRow(tr("Heads (counters, bench)"), m_heads);
    form2->addRow(tr("Head dim"), m_headDim);
    outer->addLayout(form2);
    m_status = new QLabel(body);
    m_status->setObjectName(QStringLiteral("attention.status"));
    m_status->setWordWrap(true);
    outer->addWidget(m_status);
    outer->addStretch(1);
    setWidget(body);

    connect(m_rank, &QComboBox::currentIndexChanged, this,
            [this] { commit(tr("Change dimensionality")); });
    connect(m_inverse, &QCheckBox::toggled, this, [this] { commit(tr("Toggle inverse view")); });
    connect(m_heads, &QSpinBox::valueChanged, this, [this] { commit(tr("Change heads")); });
    connect(m_headDim, &QSpinBox::valueChanged, this, [this] { commit(tr("Change head dim")); });
    connect(k1, &QPushButton::clicked, this, [this] {
        AttentionSettings s = m_model->settings();
        s.kernel = {1, 1};
        push(s, tr("Kernel 1"));
    });
    connect(kn, &QPushButton::clicked, this, [this] {
        AttentionSettings s = m_model->settings();
        s.kernel = s.size;
        s.dilation = {1, 1};
        s.stride = {1, 1};
        push(s, tr("Full attention"));
    });
    connect(m_model, &AttentionModel::settingsChanged, this,
            &AttentionControlsPanel::requestRefresh);
    refresh();
}

void AttentionControlsPanel::push(const AttentionSettings& s, const QString& what) {
    if (!(s == m_model->settings()))
        m_undo->push(new SetAttentionSettingsCmd(m_model, s, what));
}

void AttentionControlsPanel::commit(const QString& what) {
    AttentionSettings s = m_model->settings();
    s.rank = m_rank->currentData().toInt();
    for (std::size_t a = 0; a < 2; ++a) {
        s.size[a] = m_size[a]->value();
        s.kernel[a] = m_kernel[a]->value();
        s.dilation[a] = m_dilation[a]->value();
        s.stride[a] = m_stride[a]->value();
        s.causal[a] = m_causal[a]->isChecked();
        s.query[a] = m_query[a]->value();
    }
    s.inverse = m_inverse->isChecked();
    s.heads = m_heads->value();
    s.headDim = m_headDim->value();
    push(s, what);
}

void AttentionControlsPanel::refresh() {
    const AttentionSettings& s = m_model->settings();
    const QSignalBlocker b0(m_rank), b1(m_inverse), b2(m_heads), b3(m_headDim);
    m_rank->setCurrentIndex(s.rank == 1 ? 0 : 1);
    for (std::size_t a = 0; a < 2; ++a) {
        const QSignalBlocker c0(m_size[a]), c1(m_kernel[a]), c2(m_dilation[a]), c3(m_stride[a]),
            c4(m_causal[a]), c5(m_query[a]);
        m_size[a]->setValue(s.size[a]);
        m_kernel[a]->setValue(s.kernel[a]);
        m_dilation[a]->setValue(s.dilation[a]);
        m_stride[a]->setValue(s.stride[a]);
        m_causal[a]->setChecked(s.causal[a]);
        m_query[a]->setValue(s.query[a]);
        // The row axis does not exist for a 1-D strip.
        const bool on = a == 1 || s.rank == 2;
        for (QWidget* w : std::initializer_list<QWidget*>{m_size[a], m_kernel[a], m_dilation[a],
                                                          m_stride[a], m_causal[a], m_query[a]})
            w->setEnabled(on);
    }
    m_inverse->setChecked(s.inverse);
    m_heads->setValue(s.heads);
    m_headDim->setValue(s.headDim);
    const QString why = m_model->invalidReason();
    m_status->setText(why.isEmpty()
                          ? tr("Valid NATTEN setting.")
                          : tr("<b>Invalid</b> (NATTEN rule): %1").arg(why.toHtmlEscaped()));
    m_status->setStyleSheet(why.isEmpty() ? QString() : QStringLiteral("color: #b01e1e;"));
}

} // namespace algoscope::ui
