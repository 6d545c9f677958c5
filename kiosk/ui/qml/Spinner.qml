// Progress for anything slow: an endless rotating arc (no percentage is known).
import QtQuick

Item {
    id: spin
    width: 120; height: 120
    Repeater {
        model: 12
        Rectangle {
            x: spin.width / 2 - width / 2; y: 0
            width: spin.width / 10; height: spin.height / 4; radius: width / 2
            color: theme.primary
            opacity: (index + 1) / 12
            transform: Rotation { origin.x: width / 2; origin.y: spin.height / 2; angle: index * 30 }
        }
    }
    RotationAnimator on rotation { from: 0; to: 360; duration: 1200; loops: Animation.Infinite; running: spin.visible }
}
