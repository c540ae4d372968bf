/**
 * The string all three channels sign: parameters sorted by key in ASCII order, joined as
 * `k=v&k=v`, raw values (not URL-encoded), empty values left out.
 * - Alipay OpenAPI 签名: "剔除sign字段，剔除值为空的参数，按照第一个字符的键值ASCII码递增排序".
 * - WeChat Pay v2 签名算法: "参数名ASCII码从小到大排序（字典序）…值为空的参数不参与签名".
 * - UnionPay ACP: all fields except `signature`, sorted, `key=value&…`.
 */
export function signingString(
  params: Readonly<Record<string, string | undefined>>,
  exclude: readonly string[],
): string {
  return Object.keys(params)
    .filter((k) => !exclude.includes(k) && params[k] !== undefined && params[k] !== '')
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((k) => `${k}=${params[k]}`)
    .join('&');
}
