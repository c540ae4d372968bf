import { withGtinCheckDigit, type Product } from '../../core/catalog/index.ts';

/**
 * The demo catalog: about 200 products across a small category tree, with valid EAN-13 codes
 * (GS1 China prefix 690–699), some sold by weight with PLUs for label scales. Deterministic, so
 * the demo and the tests see the same store every time.
 */
type Family = {
  category: string;
  unit: 'each' | 'kg';
  taxRateBp: number;
  items: ReadonlyArray<readonly [zh: string, en: string, priceFen: number]>;
};

const FAMILIES: readonly Family[] = [
  {
    category: '食品/饮料/碳酸饮料',
    unit: 'each',
    taxRateBp: 1300,
    items: [
      ['可口可乐 330ml', 'Coca-Cola 330ml', 300],
      ['百事可乐 330ml', 'Pepsi 330ml', 300],
      ['雪碧 500ml', 'Sprite 500ml', 350],
      ['芬达橙味 500ml', 'Fanta Orange 500ml', 350],
      ['可口可乐 2L', 'Coca-Cola 2L', 850],
    ],
  },
  {
    category: '食品/饮料/饮用水',
    unit: 'each',
    taxRateBp: 1300,
    items: [
      ['农夫山泉 550ml', 'Nongfu Spring 550ml', 200],
      ['怡宝纯净水 555ml', "C'estbon 555ml", 200],
      ['百岁山 570ml', 'Ganten 570ml', 300],
      ['农夫山泉 5L', 'Nongfu Spring 5L', 1000],
    ],
  },
  {
    category: '食品/饮料/茶饮',
    unit: 'each',
    taxRateBp: 1300,
    items: [
      ['康师傅冰红茶 500ml', 'Master Kong Iced Tea 500ml', 300],
      ['统一绿茶 500ml', 'Uni-President Green Tea 500ml', 300],
      ['东方树叶 500ml', 'Oriental Leaf Tea 500ml', 550],
      ['王老吉 310ml', 'Wanglaoji 310ml', 450],
    ],
  },
  {
    category: '食品/乳品/牛奶',
    unit: 'each',
    taxRateBp: 900,
    items: [
      ['伊利纯牛奶 250ml', 'Yili Pure Milk 250ml', 350],
      ['蒙牛特仑苏 250ml', 'Telunsu Milk 250ml', 650],
      ['光明鲜牛奶 950ml', 'Bright Fresh Milk 950ml', 1390],
      ['伊利纯牛奶 整箱24盒', 'Yili Pure Milk 24-pack', 6990],
    ],
  },
  {
    category: '食品/乳品/酸奶',
    unit: 'each',
    taxRateBp: 900,
    items: [
      ['安慕希原味 205g', 'Ambrosial Yogurt 205g', 650],
      ['简爱酸奶 135g', 'Simple Love Yogurt 135g', 890],
      ['伊利畅轻 250g', 'Yili Changqing 250g', 790],
    ],
  },
  {
    category: '食品/零食/膨化食品',
    unit: 'each',
    taxRateBp: 1300,
    items: [
      ['乐事原味薯片 70g', "Lay's Classic 70g", 750],
      ['乐事黄瓜味薯片 70g', "Lay's Cucumber 70g", 750],
      ['品客原味 110g', 'Pringles Original 110g', 1290],
      ['旺旺雪饼 84g', 'Want Want Rice Crackers 84g', 650],
      ['上好佳鲜虾片 40g', 'Oishi Prawn Crackers 40g', 450],
    ],
  },
  {
    category: '食品/零食/饼干',
    unit: 'each',
    taxRateBp: 1300,
    items: [
      ['奥利奥原味 116g', 'Oreo 116g', 890],
      ['好丽友派 6枚', 'Orion Choco Pie 6pcs', 1290],
      ['趣多多 95g', 'Chips Ahoy 95g', 690],
      ['嘉士利薄脆 200g', 'Jiashili Crackers 200g', 890],
    ],
  },
  {
    category: '食品/零食/坚果',
    unit: 'each',
    taxRateBp: 1300,
    items: [
      ['三只松鼠每日坚果 750g', 'Three Squirrels Daily Nuts 750g', 12900],
      ['洽洽香瓜子 260g', 'ChaCha Sunflower Seeds 260g', 1090],
      ['良品铺子开心果 200g', 'Bestore Pistachios 200g', 3990],
    ],
  },
  {
    category: '食品/粮油/大米',
    unit: 'each',
    taxRateBp: 900,
    items: [
      ['金龙鱼东北大米 5kg', 'Arawana Rice 5kg', 4990],
      ['十月稻田长粒香 5kg', 'Shiyuedaotian Rice 5kg', 5990],
      ['福临门泰国香米 5kg', 'Fortune Jasmine Rice 5kg', 6590],
    ],
  },
  {
    category: '食品/粮油/食用油',
    unit: 'each',
    taxRateBp: 900,
    items: [
      ['金龙鱼调和油 5L', 'Arawana Blend Oil 5L', 6990],
      ['鲁花花生油 5L', 'Luhua Peanut Oil 5L', 15990],
      ['福临门大豆油 5L', 'Fortune Soybean Oil 5L', 5990],
    ],
  },
  {
    category: '食品/调味/酱油醋',
    unit: 'each',
    taxRateBp: 1300,
    items: [
      ['海天生抽 500ml', 'Haday Light Soy 500ml', 890],
      ['李锦记老抽 500ml', 'Lee Kum Kee Dark Soy 500ml', 1190],
      ['恒顺香醋 500ml', 'Hengshun Vinegar 500ml', 790],
      ['老干妈风味豆豉 280g', 'Lao Gan Ma Chili Sauce 280g', 1090],
    ],
  },
  {
    category: '食品/方便食品/方便面',
    unit: 'each',
    taxRateBp: 1300,
    items: [
      ['康师傅红烧牛肉面 5连包', 'Master Kong Beef Noodles 5-pack', 1350],
      ['统一老坛酸菜面 5连包', 'Uni Pickled Cabbage Noodles 5-pack', 1350],
      ['日清合味道杯面', 'Nissin Cup Noodles', 590],
      ['白象汤好喝 5连包', 'Baixiang Noodles 5-pack', 1490],
    ],
  },
  {
    category: '生鲜/水果',
    unit: 'kg',
    taxRateBp: 900,
    items: [
      ['富士苹果', 'Fuji Apples', 1290],
      ['香蕉', 'Bananas', 798],
      ['砂糖橘', 'Mandarins', 998],
      ['红心火龙果', 'Red Dragon Fruit', 1590],
      ['巨峰葡萄', 'Kyoho Grapes', 1990],
      ['皇冠梨', 'Crown Pears', 898],
    ],
  },
  {
    category: '生鲜/蔬菜',
    unit: 'kg',
    taxRateBp: 900,
    items: [
      ['西红柿', 'Tomatoes', 698],
      ['黄瓜', 'Cucumbers', 598],
      ['土豆', 'Potatoes', 398],
      ['大白菜', 'Napa Cabbage', 298],
      ['西兰花', 'Broccoli', 1198],
      ['胡萝卜', 'Carrots', 398],
    ],
  },
  {
    category: '生鲜/肉禽',
    unit: 'kg',
    taxRateBp: 900,
    items: [
      ['猪里脊肉', 'Pork Tenderloin', 3980],
      ['五花肉', 'Pork Belly', 3580],
      ['鸡胸肉', 'Chicken Breast', 1990],
      ['牛腩', 'Beef Brisket', 7980],
    ],
  },
  {
    category: '日用品/纸品',
    unit: 'each',
    taxRateBp: 1300,
    items: [
      ['维达抽纸 3包', 'Vinda Tissues 3-pack', 1590],
      ['清风卷纸 10卷', 'Breeze Toilet Paper 10 rolls', 2990],
      ['心相印湿巾 80抽', 'Mind Act Upon Mind Wipes 80', 1290],
    ],
  },
  {
    category: '日用品/洗护',
    unit: 'each',
    taxRateBp: 1300,
    items: [
      ['海飞丝洗发水 400ml', 'Head & Shoulders 400ml', 5990],
      ['舒肤佳香皂 3块', 'Safeguard Soap 3-pack', 1590],
      ['高露洁牙膏 140g', 'Colgate Toothpaste 140g', 1290],
      ['蓝月亮洗衣液 3kg', 'Bluemoon Laundry Liquid 3kg', 4990],
      ['立白洗洁精 1.5kg', 'Liby Dish Soap 1.5kg', 1690],
    ],
  },
  {
    category: '服装/袜子',
    unit: 'each',
    taxRateBp: 1300,
    items: [
      ['纯棉男袜 5双装', "Men's Cotton Socks 5 pairs", 2990],
      ['纯棉女袜 5双装', "Women's Cotton Socks 5 pairs", 2990],
    ],
  },
  {
    category: '服装/T恤',
    unit: 'each',
    taxRateBp: 1300,
    items: [
      ['纯棉圆领T恤 白', 'Cotton T-shirt White', 4900],
      ['纯棉圆领T恤 黑', 'Cotton T-shirt Black', 4900],
      ['速干运动T恤', 'Quick-dry Sports T-shirt', 6900],
    ],
  },
];

/** Pack sizes that multiply the families of packaged goods up to about 200 items. */
const VARIANTS = [
  { zh: '', en: '', factor: 1 },
  { zh: '（促销装）', en: ' (promo pack)', factor: 0.9 },
  { zh: '（家庭装）', en: ' (family pack)', factor: 2.6 },
];

export function demoProducts(): Product[] {
  const products: Product[] = [];
  let seq = 0;
  let plu = 1001;
  for (const family of FAMILIES) {
    for (const [zh, en, priceFen] of family.items) {
      const variants = family.unit === 'kg' ? VARIANTS.slice(0, 1) : VARIANTS;
      for (const v of variants) {
        seq++;
        const sku = `SKU${String(seq).padStart(5, '0')}`;
        // 69x = GS1 China; 12 data digits then the check digit
        const ean = withGtinCheckDigit(`69${String(1 + (seq % 9))}${String(100000000 + seq * 7919).slice(-9)}`);
        const product: Product = {
          sku,
          names: { zh: `${zh}${v.zh}`, en: `${en}${v.en}` },
          categoryPath: family.category,
          unit: family.unit,
          priceFen: Math.round((priceFen * v.factor) / 10) * 10,
          taxRateBp: family.taxRateBp,
          status: 'active',
          barcodes: [ean],
        };
        if (family.unit === 'kg') product.plu = String(plu++);
        products.push(product);
      }
    }
  }
  return products;
}
