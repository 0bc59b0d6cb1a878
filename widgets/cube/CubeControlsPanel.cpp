#include "CubeControlsPanel.h"

#include "CubeLab.h"
#include "cube/QNetwork.h"

#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSpinBox>
#include <QVBoxLayout>

namespace algoscope::ui {

CubeControlsPanel::CubeControlsPanel(CubeLab* lab, QWidget* parent)
    : Panel(QStringLiteral("cube"), QStringLiteral("controls"), tr("Cube and solver"), parent),
      m_lab(lab), m_size(new QComboBox), m_scramble(new QLineEdit), m_scrambleError(new QLabel),
      m_randomMoves(new QSpinBox), m_method(new QComboBox), m_batch(new QSpinBox),
      m_lambda(new QDoubleSpinBox), m_model(new QLabel), m_play(new QPushButton(tr("Play"))),
      m_scrub(new QSlider(Qt::Horizontal)), m_speed(new QSpinBox), m_solution(new QLabel) {
    setDefaultArea(Qt::RightDockWidgetArea);
    auto* body = new QWidget;
    auto* layout = new QVBoxLayout(body);

    auto* cubeBox = new QGroupBox(tr("Cube"));
    auto* cubeForm = new QFormLayout(cubeBox);
    m_size->addItem(tr("3x3x3"), 3);
    m_size->addItem(tr("2x2x2"), 2);
    cubeForm->addRow(tr("Size"), m_size);
    m_scramble->setPlaceholderText(tr("e.g. R U R' U' F2 (keys U D L R F B turn, Shift inverse)"));
    cubeForm->addRow(tr("Scramble"), m_scramble);
    m_scrambleError->setStyleSheet(QStringLiteral("color: #b00020"));
    m_scrambleError->setWordWrap(true);
    cubeForm->addRow(m_scrambleError);
    m_randomMoves->setRange(1, 100);
    m_randomMoves->setValue(14);
    auto* random = new QPushButton(tr("Random"));
    auto* reset = new QPushButton(tr("Reset"));
    auto* row = new QHBoxLayout;
    row->addWidget(m_randomMoves);
    row->addWidget(random);
    row->addWidget(reset);
    cubeForm->addRow(tr("Moves"), row);
    layout->addWidget(cubeBox);

    auto* solveBox = new QGroupBox(tr("Solver"));
    auto* solveForm = new QFormLayout(solveBox);
    m_method->addItem(tr("Q* (deep Q-network)"), QStringLiteral("qstar"));
    m_method->addItem(tr("A* (same network)"), QStringLiteral("astar"));
    m_method->addItem(tr("Optimal (2x2x2 table)"), QStringLiteral("optimal"));
    solveForm->addRow(tr("Method"), m_method);
    m_batch->setRange(1, 100000);
    m_batch->setValue(100);
    m_lambda->setRange(0.0, 1.0);
    m_lambda->setSingleStep(0.1);
    m_lambda->setValue(0.6);
    solveForm->addRow(tr("Batch"), m_batch);
    solveForm->addRow(tr("Lambda"), m_lambda);
    m_model->setWordWrap(true);
    solveForm->addRow(tr("Network"), m_model);
    auto* solve = new QPushButton(tr("Solve"));
    solveForm->addRow(solve);
    layout->addWidget(solveBox);

    auto* playBox = new QGroupBox(tr("Solution"));
    auto* playLayout = new QVBoxLayout(playBox);
    m_solution->setWordWrap(true);
    m_solution->setTextFormat(Qt::RichText);
    playLayout->addWidget(m_solution);
    auto* buttons = new QHBoxLayout;
    auto* back = new QPushButton(tr("< Step"));
    auto* forward = new QPushButton(tr("Step >"));
    buttons->addWidget(back);
    buttons->addWidget(m_play);
    buttons->addWidget(forward);
    playLayout->addLayout(buttons);
    playLayout->addWidget(m_scrub);
    m_speed->setRange(1, 30);
    m_speed->setValue(3);
    m_speed->setSuffix(tr(" moves/s"));
    auto* speedRow = new QHBoxLayout;
    speedRow->addWidget(new QLabel(tr("Speed")));
    speedRow->addWidget(m_speed);
    playLayout->addLayout(speedRow);
    layout->addWidget(playBox);
    layout->addStretch();
    setWidget(body);

    connect(m_size, &QComboBox::currentIndexChanged, this,
            [this] { m_lab->setSize(m_size->currentData().toInt()); });
    connect(m_scramble, &QLineEdit::textEdited, this, [this](const QString& text) {
        QString error;
        m_scrambleError->setText(m_lab->setScramble(text, &error) ? QString() : error);
    });
    connect(random, &QPushButton::clicked, this,
            [this] { m_lab->randomScramble(m_randomMoves->value(), m_seed++); });
    connect(reset, &QPushButton::clicked, this, [this] { m_lab->setScramble(QString()); });
    connect(solve, &QPushButton::clicked, this, [this] {
        m_lab->solve(m_method->currentData().toString(), m_batch->value(), m_lambda->value());
    });
    connect(m_play, &QPushButton::clicked, m_lab, &CubeLab::togglePlay);
    connect(back, &QPushButton::clicked, m_lab, &CubeLab::stepBack);
    connect(forward, &QPushButton::clicked, m_lab, [this] {
        m_lab->pause();
        m_lab->stepForward();
    });
    connect(m_scrub, &QSlider::sliderMoved, m_lab, &CubeLab::seek);
    connect(m_speed, &QSpinBox::valueChanged, m_lab, &CubeLab::setSpeed);
    connect(lab, &CubeLab::stateChanged, this, &Panel::requestRefresh);
    connect(lab, &CubeLab::solutionChanged, this, &Panel::requestRefresh);
    connect(lab, &CubeLab::playbackChanged, this, &CubeControlsPanel::showSolution);
    refresh();
}

void CubeControlsPanel::refresh() {
    QSignalBlocker b(m_size);
    m_size->setCurrentIndex(m_lab->size() == 3 ? 0 : 1);
    if (!m_scramble->hasFocus())
        m_scramble->setText(m_lab->scramble());
    QString model = m_lab->modelName();
    if (model.isEmpty())
        model = cube::QNetwork::ships(m_lab->size(), 12)
                    ? tr("the shipped one (or File > Open Q-network...)")
                    : tr("none ships for this size (File > Open Q-network...)");
    m_model->setText(model);
    showSolution();
}

void CubeControlsPanel::showSolution() {
    const auto& moves = m_lab->solution();
    QSignalBlocker b(m_scrub);
    m_scrub->setRange(0, int(moves.size()));
    m_scrub->setValue(m_lab->playbackPosition());
    m_play->setText(m_lab->isPlaying() ? tr("Pause") : tr("Play"));
    if (moves.empty()) {
        m_solution->setText(tr("<i>no solution yet</i>"));
        return;
    }
    QStringList parts;
    for (int i = 0; i < int(moves.size()); ++i) {
        const QString name = QString::fromStdString(moves[std::size_t(i)].name).toHtmlEscaped();
        parts << (i + 1 == m_lab->playbackPosition()
                      ? QStringLiteral("<b style='background:#ffd54f'>%1</b>").arg(name)
                      : name);
    }
    m_solution->setText(parts.join(QLatin1Char(' ')) +
                        tr("<br>%1 of %2 moves").arg(m_lab->playbackPosition()).arg(moves.size()));
}

} // namespace algoscope::ui
