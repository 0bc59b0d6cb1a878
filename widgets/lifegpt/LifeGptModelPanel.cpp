#include "LifeGptModelPanel.h"

#include "LifeGptLab.h"
#include "life/PatternLibrary.h"

#include <QAction>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace algoscope::ui {

LifeGptModelPanel::LifeGptModelPanel(LifeGptLab* lab, QWidget* parent)
    : Panel(QStringLiteral("lifegpt"), QStringLiteral("model"), tr("Model and board"), parent),
      m_lab(lab), m_info(new QLabel), m_shipped(new QComboBox), m_pattern(new QComboBox),
      m_density(new QDoubleSpinBox), m_seed(new QSpinBox), m_layer(new QSpinBox),
      m_head(new QSpinBox) {
    setDefaultArea(Qt::RightDockWidgetArea);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);

    auto* modelBox = new QGroupBox(tr("Model"));
    auto* modelLayout = new QVBoxLayout(modelBox);
    m_info->setWordWrap(true);
    m_info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    modelLayout->addWidget(m_info);
    m_shipped->addItems(LifeGptLab::shippedModelNames());
    m_shipped->setToolTip(tr("The models trained for algoscope (model cards in docs/models/)"));
    auto* shippedRow = new QHBoxLayout;
    shippedRow->addWidget(new QLabel(tr("Shipped")));
    shippedRow->addWidget(m_shipped, 1);
    modelLayout->addLayout(shippedRow);
    connect(m_shipped, &QComboBox::activated, this, [this](int index) {
        QString error;
        if (!m_lab->useShippedModel(m_shipped->itemText(index), &error))
            Q_EMIT m_lab->statusMessage(error, 10000);
    });
    auto* buttons = new QHBoxLayout;
    for (QAction* a : lab->fileActions()) {
        auto* b = new QPushButton(a->text().remove('&'));
        connect(b, &QPushButton::clicked, a, &QAction::trigger);
        buttons->addWidget(b);
    }
    modelLayout->addLayout(buttons);
    layout->addWidget(modelBox);

    auto* boardBox = new QGroupBox(tr("Input board"));
    auto* form = new QFormLayout(boardBox);
    for (const auto& p : life::PatternLibrary::instance().patterns())
        m_pattern->addItem(QString::fromStdString(p.name), QString::fromStdString(p.id));
    auto* place = new QPushButton(tr("Place"));
    auto* patternRow = new QHBoxLayout;
    patternRow->addWidget(m_pattern, 1);
    patternRow->addWidget(place);
    form->addRow(tr("Pattern"), patternRow);
    m_density->setRange(0.0, 1.0);
    m_density->setSingleStep(0.05);
    m_density->setValue(0.35);
    m_seed->setRange(0, 1000000);
    m_seed->setValue(1);
    auto* random = new QPushButton(tr("Random board"));
    auto* clear = new QPushButton(tr("Clear"));
    form->addRow(tr("Density"), m_density);
    form->addRow(tr("Seed"), m_seed);
    auto* row = new QHBoxLayout;
    row->addWidget(random);
    row->addWidget(clear);
    form->addRow(row);
    layout->addWidget(boardBox);

    auto* attnBox = new QGroupBox(tr("Attention shown on hover"));
    auto* attnForm = new QFormLayout(attnBox);
    attnForm->addRow(tr("Layer"), m_layer);
    attnForm->addRow(tr("Head"), m_head);
    layout->addWidget(attnBox);
    layout->addStretch();
    setWidget(body);

    connect(place, &QPushButton::clicked, this,
            [this] { m_lab->placePattern(m_pattern->currentData().toString()); });
    connect(random, &QPushButton::clicked, this, [this] {
        m_lab->randomBoard(m_density->value(), quint64(m_seed->value()));
        m_seed->setValue(m_seed->value() + 1);
    });
    connect(clear, &QPushButton::clicked, this, [this] {
        const int n = m_lab->model()->grid();
        m_lab->setBoard(life::Board{std::uint64_t(n), std::uint64_t(n)}, tr("Clear"));
    });
    auto head = [this] { m_lab->setAttentionHead(m_layer->value() - 1, m_head->value() - 1); };
    connect(m_layer, &QSpinBox::valueChanged, this, head);
    connect(m_head, &QSpinBox::valueChanged, this, head);
    connect(lab, &LifeGptLab::modelChanged, this, &Panel::requestRefresh);
    refresh();
}

void LifeGptModelPanel::refresh() {
    m_info->setText(m_lab->modelDescription());
    {
        QSignalBlocker block(m_shipped);
        m_shipped->setCurrentIndex(m_shipped->findText(m_lab->modelOrigin())); // -1: not shipped
    }
    const nn::TransformerConfig& c = m_lab->model()->net().config();
    QSignalBlocker b1(m_layer), b2(m_head);
    m_layer->setRange(1, c.layers);
    m_head->setRange(1, c.heads);
    m_layer->setValue(m_lab->attentionLayer() + 1);
    m_head->setValue(m_lab->attentionHead() + 1);
}

} // namespace algoscope::ui
