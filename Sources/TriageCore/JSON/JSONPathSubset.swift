import Foundation

/// The JSONPath subset `expect_json` accepts: `$`, then `.name`, `['name']` or `[index]` steps.
///
/// No wildcards, filters or recursive descent: a health condition names one value. The value is
/// compared as text: strings as they are, numbers as JSON writes them (`1`, `0.5`), `true`/`false`,
/// `null`.
public enum JSONPathSubset {
    public enum Step: Equatable, Sendable {
        case key(String)
        case index(Int)
    }

    /// The steps of `path`, or nil when it is not in the subset.
    public static func steps(_ path: String) -> [Step]? {
        var rest = Substring(path)
        guard rest.hasPrefix("$") else { return nil }
        rest = rest.dropFirst()
        var steps: [Step] = []
        while !rest.isEmpty {
            if rest.hasPrefix(".") {
                rest = rest.dropFirst()
                let name = rest.prefix { $0 != "." && $0 != "[" }
                guard !name.isEmpty else { return nil }
                steps.append(.key(String(name)))
                rest = rest.dropFirst(name.count)
            } else if rest.hasPrefix("['") {
                rest = rest.dropFirst(2)
                guard let end = rest.range(of: "']") else { return nil }
                steps.append(.key(String(rest[..<end.lowerBound])))
                rest = rest[end.upperBound...]
            } else if rest.hasPrefix("[") {
                rest = rest.dropFirst()
                let digits = rest.prefix { $0.isASCII && $0.isNumber }
                guard !digits.isEmpty, let index = Int(digits), rest.dropFirst(digits.count).hasPrefix("]") else { return nil }
                steps.append(.index(index))
                rest = rest.dropFirst(digits.count + 1)
            } else {
                return nil
            }
        }
        return steps
    }

    /// The value at `path` in a JSON document, as text; nil when the body is not JSON or the path
    /// does not lead anywhere (a missing key, an index past the end, a step into a scalar).
    public static func text(at path: String, in body: [UInt8]) -> String? {
        guard let steps = steps(path),
            var value = try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        else { return nil }
        for step in steps {
            switch step {
            case .key(let name):
                guard let object = value as? [String: Any], let next = object[name] else { return nil }
                value = next
            case .index(let index):
                guard let array = value as? [Any], array.indices.contains(index) else { return nil }
                value = array[index]
            }
        }
        switch value {
        case let string as String: return string
        case is NSNull: return "null"
        case let number as NSNumber:
            // JSON's true/false come back as NSNumber of ObjC type "c" (char); 1 is "i" or "q".
            if String(cString: number.objCType) == "c" { return number.boolValue ? "true" : "false" }
            let double = number.doubleValue
            return double == double.rounded() && abs(double) < 1e15 ? String(Int64(double)) : String(double)
        default:
            guard JSONSerialization.isValidJSONObject(value), let data = try? JSONSerialization.data(withJSONObject: value, options: [.sortedKeys])
            else { return nil }
            return String(decoding: data, as: UTF8.self)
        }
    }
}
